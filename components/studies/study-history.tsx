type StudyEvent = { id: string; what: string; before: string | null; after: string | null; createdAt: Date; actor: string | null };

const NAMES: Record<string, string> = {
  judgmentsPerPair: "raters per pair (k)",
  leaseMinutes: "lease (minutes)",
  rationaleMode: "rationale",
  goldPercent: "gold pairs (%)",
  quotaPerRater: "pairs per rater at most",
  activeBaselines: "active baselines",
  openToAllRaters: "who may judge",
  offerBothBad: '"Both are bad"',
  raterTitle: "title for raters",
  instructions: "instructions",
};

const describe = (event: StudyEvent) =>
  event.before === null ? `${event.what}: ${event.after ?? ""}` : `${NAMES[event.what] ?? event.what} ${event.before} → ${event.after}`;

/** The study's audit trail, newest first, for its researchers. */
export function StudyHistory({ events }: { events: StudyEvent[] }) {
  if (events.length === 0) return <p className="text-sm text-slate-700">No setting has changed since the study was created.</p>;
  return (
    <ol className="space-y-1 text-sm">
      {events.map((event) => (
        <li key={event.id}>
          <time dateTime={event.createdAt.toISOString()} className="font-mono text-xs text-slate-600">
            {event.createdAt.toISOString().replace("T", " ").slice(0, 16)} UTC
          </time>{" "}
          {event.actor ?? "someone since removed"}: {describe(event)}
        </li>
      ))}
    </ol>
  );
}
