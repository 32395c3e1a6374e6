// Import files on disk: given to the CLI, or written there as a browser's upload streamed in (lib/upload.ts).
import { createReadStream, statSync } from "node:fs";
import path from "node:path";
import type { ImportFile } from "@/lib/importer/read-file";

export function fileOnDisk(filePath: string, system?: string): ImportFile {
  return {
    name: path.basename(filePath),
    system,
    size: statSync(filePath).size,
    open: () => createReadStream(filePath),
  };
}
