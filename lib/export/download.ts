/** Response headers of a download: its type, and a file name with the study's slug and the time. */
export function downloadHeaders(slug: string, what: string, format: "csv" | "jsonl"): HeadersInit {
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  return {
    "Content-Type": format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
    "Content-Disposition": `attachment; filename="${slug}-${what}-${stamp}.${format}"`,
    "Cache-Control": "no-store",
  };
}
