// Where import files come from: the disk (the CLI) or a browser upload (the import page).
import { createReadStream, statSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import type { ImportFile } from "@/lib/importer/read-file";

export function fileOnDisk(filePath: string, system?: string): ImportFile {
  return {
    name: path.basename(filePath),
    system,
    size: statSync(filePath).size,
    open: () => createReadStream(filePath),
  };
}

export function uploadedFile(file: File, system?: string): ImportFile {
  return { name: file.name, system, size: file.size, open: () => Readable.fromWeb(file.stream() as WebReadableStream<Uint8Array>) };
}
