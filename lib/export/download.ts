const CONTENT_TYPES = {
  csv: "text/csv; charset=utf-8",
  jsonl: "application/x-ndjson; charset=utf-8",
  svg: "image/svg+xml; charset=utf-8",
  png: "image/png",
  tex: "application/x-tex; charset=utf-8",
} as const;

export type DownloadFormat = keyof typeof CONTENT_TYPES;

/** Response headers of a download: its type, and a file name with the study's slug and the time. */
export function downloadHeaders(slug: string, what: string, format: DownloadFormat): HeadersInit {
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  return {
    "Content-Type": CONTENT_TYPES[format],
    "Content-Disposition": `attachment; filename="${slug}-${what}-${stamp}.${format}"`,
    "Cache-Control": "no-store",
  };
}
