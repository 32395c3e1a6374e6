// A multipart upload received as a stream, each file written to a temporary file as it arrives
// and refused (413) the moment it passes its byte cap, so that no upload is ever held in memory
// whole, however large, and a refused one leaves nothing behind.
import "server-only";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import busboy from "busboy";

export interface UploadedFile {
  /** The name the browser gave it. */
  name: string;
  /** Where it was written. */
  path: string;
}

export interface Upload {
  files: UploadedFile[];
  /** Text fields by name, each in the order sent. */
  fields: Map<string, string[]>;
  /** Removes the temporary files. */
  discard(): Promise<void>;
}

export interface UploadLimits {
  maxFileBytes: number;
  maxFiles: number;
}

export class UploadRefused extends Error {
  constructor(
    message: string,
    readonly status: 400 | 413,
  ) {
    super(message);
  }
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toLocaleString("en", { maximumFractionDigits: 1 })} MB`;

export async function receiveUpload(request: Request, limits: UploadLimits): Promise<Upload> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.startsWith("multipart/form-data") || !request.body) throw new UploadRefused("Send the files as multipart/form-data.", 400);
  // A body that says it is larger than every file at its cap is refused before a byte is read.
  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > limits.maxFiles * (limits.maxFileBytes + 64 * 1024)) throw new UploadRefused(`The upload is larger than the limit of ${megabytes(limits.maxFileBytes)} a file.`, 413);

  const folder = await mkdtemp(path.join(tmpdir(), "upload-"));
  const upload: Upload = { files: [], fields: new Map(), discard: () => rm(folder, { recursive: true, force: true }) };
  const parser = busboy({ headers: { "content-type": type }, limits: { fileSize: limits.maxFileBytes, files: limits.maxFiles, fields: 100, fieldSize: 10_000 } });
  const writes: Promise<void>[] = [];
  let refusal: UploadRefused | undefined;
  const body = Readable.fromWeb(request.body as WebReadableStream<Uint8Array>);
  let settle = () => {};
  const refuse = (error: UploadRefused) => {
    if (refusal) return;
    refusal = error;
    // What is left of the body is read and thrown away, never written or held, so that the
    // client, still sending, gets the refusal instead of a reset connection.
    body.unpipe(parser);
    body.resume();
    // After busboy's own handler of the event that refused has finished with the parser.
    setImmediate(() => parser.destroy());
    settle();
  };
  parser.on("field", (name, value) => upload.fields.set(name, [...(upload.fields.get(name) ?? []), value]));
  parser.on("file", (_field, stream, info) => {
    const file = { name: info.filename || `file ${upload.files.length + 1}`, path: path.join(folder, String(upload.files.length)) };
    upload.files.push(file);
    stream.on("limit", () => refuse(new UploadRefused(`${file.name} is larger than the limit of ${megabytes(limits.maxFileBytes)}: nothing was imported.`, 413)));
    writes.push(pipeline(stream, createWriteStream(file.path)).catch(() => {}));
  });
  parser.on("filesLimit", () => refuse(new UploadRefused(`At most ${limits.maxFiles} files go in one upload.`, 413)));
  try {
    await new Promise<void>((resolve, reject) => {
      settle = resolve;
      parser.on("close", resolve);
      parser.on("error", (error: Error) => (refusal ? resolve() : reject(new UploadRefused(`The upload could not be read: ${error.message}.`, 400))));
      body.on("error", () => (refusal ? resolve() : reject(new UploadRefused("The upload ended before it was whole.", 400))));
      body.pipe(parser);
    });
    await Promise.all(writes);
    if (refusal) throw refusal;
    return upload;
  } catch (error) {
    await upload.discard();
    throw error;
  }
}

/** For a route handler: the upload, or the answer that refuses it. */
export async function uploadOrRefusal(request: Request, limits: UploadLimits): Promise<Upload | Response> {
  try {
    return await receiveUpload(request, limits);
  } catch (error) {
    if (error instanceof UploadRefused) return Response.json({ error: error.message }, { status: error.status });
    throw error;
  }
}
