// Who a study's raters are, for its researchers: the identities beside the pseudonyms on the
// results page's raters tables, the raters let in, the review queue; the search that narrows the
// tables; and the downloads, pseudonymous unless identities are asked for. A crowd participant's
// made-up address never comes out of any of them.
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { JUDGMENT_COLUMNS, JUDGMENT_COLUMNS_WITH_IDENTITIES, judgmentsExport } from "@/lib/export/judgments-export";
import { studyBundle } from "@/lib/export/study-bundle";
import { studyRatersCsv } from "@/lib/export/study-summary";
import { answerRaterRows } from "@/lib/results/answer-raters";
import { raterIdentities, raterTableIdentities } from "@/lib/results/rater-identities";
import { identify } from "@/lib/results/rater-identity";
import { EVERY_JUDGMENT } from "@/lib/results/results-filter";
import { raterRows } from "@/lib/results/study-results";
import { reviewQueue } from "@/lib/review/review-queue";
import { studyEvents } from "@/lib/studies/study-events";
import { letRaterOut, studyRaters } from "@/lib/studies/study-raters";
import { makeParticipant, recordJudgment } from "@/lib/testing/seed-raters";
import { makeUser, seedStudy } from "@/lib/testing/seed-study";

const MADE_UP = "participants.invalid";
const PROLIFIC_ID = "5F3A9C0D2E1B4A6F";
const MTURK_ID = "A1TURKWORKER9";
const readAll = (stream: ReadableStream<Uint8Array>) => new Response(stream).text();
const csv = (text: string) => parse(text, { columns: true }) as Record<string, string>[];
const header = (text: string) => text.slice(0, text.indexOf("\n")).split(",");

/** A pairwise study judged by two accounts (one named) and two crowd participants, one of each platform. */
async function judgedStudy(kind: "pairwise" | "absolute" = "pairwise") {
  const owner = await makeUser("researcher");
  const study = await seedStudy({ prompts: 3, baselines: ["Alpaca 65B"], judgmentsPerPair: 4, createdById: owner.id, kind: kind === "absolute" ? "absolute" : undefined });
  const ada = await makeUser("rater");
  await db().user.update({ where: { id: ada.id }, data: { name: "Ada Lovelace" } });
  // A name a spreadsheet would run: the downloads neutralise it like every cell.
  const bob = await makeUser("rater");
  await db().user.update({ where: { id: bob.id }, data: { name: "=HYPERLINK(1)" } });
  const prolific = await makeParticipant(study.id, "prolific", PROLIFIC_ID);
  const mturk = await makeParticipant(study.id, "mturk", MTURK_ID);
  const pairs = await db().pair.findMany({ where: { studyId: study.id }, orderBy: { id: "asc" }, select: { id: true } });
  const raters = [ada, bob, prolific, mturk];
  for (const [r, rater] of raters.entries()) {
    for (const [p, pair] of pairs.entries()) {
      // Each rater judges one pair fewer than the one before, so every row has its own numbers.
      if (p > pairs.length - 1 - (r % pairs.length)) continue;
      const answer = kind === "absolute" ? { label: (["fail", "pass", "excellent"] as const)[(r + p) % 3] } : { verdict: (["win", "tie", "loss"] as const)[(r + p) % 3] };
      await recordJudgment(study.id, pair.id, rater.id, answer, 1000 * (r + 1));
    }
  }
  const pseudonyms = new Map((await db().$queryRaw<{ id: string; rater: string }[]>`
    SELECT u.id, 'rater-' || left(md5(${study.id} || ':' || u.id), 10) AS rater FROM "User" u WHERE u.id = ANY(${raters.map((r) => r.id)}::text[])`).map((row) => [row.id, row.rater]));
  const pseudonym = (rater: { id: string }) => pseudonyms.get(rater.id)!;
  return { owner, study: { ...study, kind }, ada, bob, prolific, mturk, raters, pseudonym };
}

describe("who the raters are", () => {
  it("gives each rater who judged their identity, by the pseudonym the tables use, and a participant's platform and id instead of an address", async () => {
    const { study, ada, bob, prolific, mturk, pseudonym } = await judgedStudy();
    const identities = await raterIdentities(study.id);
    const rows = await raterRows(study.id, EVERY_JUDGMENT);
    expect(new Set(identities.keys())).toEqual(new Set(rows.map((row) => row.rater)));
    expect(identities.get(pseudonym(ada))).toEqual({ email: ada.email, name: "Ada Lovelace", platform: null, platformId: null });
    expect(identities.get(pseudonym(bob))).toEqual({ email: bob.email, name: "=HYPERLINK(1)", platform: null, platformId: null });
    expect(identities.get(pseudonym(prolific))).toEqual({ email: null, name: null, platform: "prolific", platformId: PROLIFIC_ID });
    expect(identities.get(pseudonym(mturk))).toEqual({ email: null, name: null, platform: "mturk", platformId: MTURK_ID });
    expect(JSON.stringify([...identities])).not.toContain(MADE_UP);

    // A participant whose platform was never recorded is still one: no address, "crowd".
    await db().user.update({ where: { id: prolific.id }, data: { participantPlatform: null } });
    expect((await raterIdentities(study.id)).get(pseudonym(prolific))).toEqual({ email: null, name: null, platform: "crowd", platformId: PROLIFIC_ID });
  });

  it("finds raters by part of an email, name, platform id, platform or pseudonym, whatever the case, and never by a made-up address", async () => {
    const { study, ada, bob, prolific, mturk, pseudonym } = await judgedStudy();
    const found = async (search: string) => [...(await raterIdentities(study.id, search)).keys()].sort();
    const of = (...raters: { id: string }[]) => raters.map(pseudonym).sort();
    expect(await found(ada.email.slice(3, 12).toUpperCase())).toEqual(of(ada));
    expect(await found("loveLACE")).toEqual(of(ada));
    expect(await found(PROLIFIC_ID.slice(2, 9).toLowerCase())).toEqual(of(prolific));
    expect(await found("MTurk")).toEqual(of(mturk));
    expect(await found(pseudonym(bob).toUpperCase())).toEqual(of(bob));
    expect(await found("@test.local")).toEqual(of(ada, bob));
    // The participants' addresses are not theirs to be found by, and LIKE's wildcards are plain text.
    expect(await found(MADE_UP)).toEqual([]);
    expect(await found(prolific.email.slice(0, 20))).toEqual([]);
    expect(await found("%")).toEqual([]);
    expect(await found("_")).toEqual([]);
    expect(await found("rater-")).toEqual(of(ada, bob, prolific, mturk));
  });

  it("narrows the raters table to the raters found, each row's numbers as they were, under the results filter too", async () => {
    const { study, ada, bob, prolific, pseudonym } = await judgedStudy();
    const every = await raterRows(study.id, EVERY_JUDGMENT);
    const { identities, found } = await raterTableIdentities(study.id, "TEST.local");
    const listed = identify(every, identities, found);
    expect(listed.map((row) => row.rater).sort()).toEqual([pseudonym(ada), pseudonym(bob)].sort());
    for (const row of listed) {
      expect(row).toEqual({ ...every.find((one) => one.rater === row.rater), identity: identities.get(row.rater) });
      expect(row.identity?.email).toMatch(/@test\.local$/);
    }
    // No search: every row, each with its identity.
    const all = await raterTableIdentities(study.id, null);
    expect(all.found).toBeNull();
    expect(identify(every, all.identities, all.found).map((row) => [row.rater, row.identity !== null])).toEqual(every.map((row) => [row.rater, true]));

    // The results filter picks raters (and counts through the judgments); the search narrows what it lists.
    const filter = { ...EVERY_JUDGMENT, raters: [pseudonym(ada), pseudonym(prolific)] };
    const filtered = await raterRows(study.id, filter);
    const narrowed = identify(filtered, identities, found);
    expect(narrowed.map((row) => row.rater)).toEqual([pseudonym(ada)]);
    expect(narrowed[0]).toEqual({ ...filtered.find((row) => row.rater === pseudonym(ada)), identity: identities.get(pseudonym(ada)) });
  });

  it("does the same for a study whose raters label one answer at a time", async () => {
    const { study, prolific, mturk, pseudonym } = await judgedStudy("absolute");
    const rows = await answerRaterRows(study, EVERY_JUDGMENT);
    expect(rows).toHaveLength(4);
    const { identities, found } = await raterTableIdentities(study.id, PROLIFIC_ID.toLowerCase());
    const listed = identify(rows, identities, found);
    expect(listed).toEqual([{ ...rows.find((row) => row.rater === pseudonym(prolific))!, identity: { email: null, name: null, platform: "prolific", platformId: PROLIFIC_ID } }]);
    expect(identify(rows, identities, null).find((row) => row.rater === pseudonym(mturk))?.identity).toEqual({ email: null, name: null, platform: "mturk", platformId: MTURK_ID });
  });

  it("lists the raters let in by who they are, and letting a participant out writes no made-up address to the history", async () => {
    const { owner, study, ada, prolific, pseudonym } = await judgedStudy();
    const letIn = await studyRaters(study.id);
    expect(letIn).toEqual([
      { id: prolific.id, rater: pseudonym(prolific), identity: { email: null, name: null, platform: "prolific", platformId: PROLIFIC_ID } },
      expect.objectContaining({ identity: expect.objectContaining({ platform: "mturk" }) }),
    ]);
    await db().studyRater.create({ data: { studyId: study.id, raterId: ada.id } });
    expect((await studyRaters(study.id))[2]).toEqual({ id: ada.id, rater: pseudonym(ada), identity: { email: ada.email, name: "Ada Lovelace", platform: null, platformId: null } });
    expect(JSON.stringify(await studyRaters(study.id))).not.toContain(MADE_UP);

    await letRaterOut(study.id, prolific.id, owner.id);
    await letRaterOut(study.id, ada.id, owner.id);
    // A history written before participants were named by platform shows no address either.
    await db().studyEvent.create({ data: { studyId: study.id, actorId: owner.id, what: "rater let out", after: prolific.email } });
    const history = (await studyEvents(study.id)).filter((event) => event.what === "rater let out").map((event) => event.after);
    expect(history).toEqual(["a crowd participant", ada.email, `Prolific ${PROLIFIC_ID}`]);
  });

  it("names each reporter in the review queue beside their pseudonym", async () => {
    const { study, ada, prolific, pseudonym } = await judgedStudy();
    const pair = await db().pair.findFirstOrThrow({ where: { studyId: study.id }, orderBy: { id: "asc" } });
    for (const rater of [ada, prolific]) {
      const assignment = await db().assignment.findFirstOrThrow({ where: { pairId: pair.id, raterId: rater.id } });
      await db().flag.create({ data: { assignmentId: assignment.id, pairId: pair.id, raterId: rater.id, reason: "broken" } });
    }
    const [item] = (await reviewQueue(study.id, { state: "open", page: 1 })).items;
    expect(item.reports.map((report) => [report.rater, report.identity]).sort()).toEqual(
      [
        [pseudonym(ada), { email: ada.email, name: "Ada Lovelace", platform: null, platformId: null }],
        [pseudonym(prolific), { email: null, name: null, platform: "prolific", platformId: PROLIFIC_ID }],
      ].sort(),
    );
    expect(JSON.stringify(item)).not.toContain(MADE_UP);
  });
});

describe("downloads", () => {
  it("name raters by pseudonym alone by default: no email, name or platform id in the judgments, the raters or the bundle", async () => {
    const { study, raters } = await judgedStudy();
    const judgments = await readAll(await judgmentsExport(study.id, "csv", "pairwise"));
    expect(header(judgments)).toEqual([...JUDGMENT_COLUMNS]);
    const jsonl = await readAll(await judgmentsExport(study.id, "jsonl", "pairwise"));
    const ratersCsv = await studyRatersCsv(study, EVERY_JUDGMENT);
    expect(header(ratersCsv)).not.toContain("rater_email");
    const bundle = await readAll(studyBundle(study.id));
    for (const text of [judgments, jsonl, ratersCsv, bundle]) {
      for (const rater of raters) expect(text).not.toContain(rater.email.split("@")[0]);
      for (const secret of [MADE_UP, PROLIFIC_ID, MTURK_ID, "Ada Lovelace", "HYPERLINK(1)"]) expect(text).not.toContain(secret);
    }
    expect(csv(judgments).every((row) => row.participant_id === "" && /^rater-[0-9a-f]{10}$/.test(row.rater))).toBe(true);
  });

  it("carry who each rater is beside the pseudonym when asked, a participant's platform and id but never their address", async () => {
    const { study, ada, bob, prolific, mturk, pseudonym } = await judgedStudy();
    const text = await readAll(await judgmentsExport(study.id, "csv", "pairwise", { identities: true }));
    expect(header(text)).toEqual([...JUDGMENT_COLUMNS_WITH_IDENTITIES]);
    expect(JUDGMENT_COLUMNS_WITH_IDENTITIES.slice(JUDGMENT_COLUMNS.indexOf("rater"), JUDGMENT_COLUMNS.indexOf("rater") + 5)).toEqual(["rater", "rater_email", "rater_name", "platform", "platform_id"]);
    expect(text).not.toContain(MADE_UP);
    const rows = csv(text);
    const who = (rater: { id: string }) => {
      const mine = rows.filter((row) => row.rater === pseudonym(rater));
      expect(mine.length).toBeGreaterThan(0);
      expect(new Set(mine.map((row) => JSON.stringify([row.rater_email, row.rater_name, row.platform, row.platform_id]))).size).toBe(1);
      return [mine[0].rater_email, mine[0].rater_name, mine[0].platform, mine[0].platform_id];
    };
    expect(who(ada)).toEqual([ada.email, "Ada Lovelace", "", ""]);
    expect(who(bob)).toEqual([bob.email, "'=HYPERLINK(1)", "", ""]);
    expect(who(prolific)).toEqual(["", "", "prolific", PROLIFIC_ID]);
    expect(who(mturk)).toEqual(["", "", "mturk", MTURK_ID]);
    // The study's own setting for participants' ids is off: its columns stay empty.
    expect(rows.every((row) => row.participant_id === "" && row.participant_session_id === "")).toBe(true);

    const lines = (await readAll(await judgmentsExport(study.id, "jsonl", "pairwise", { identities: true }))).trim().split("\n").map((line) => JSON.parse(line));
    expect(lines.find((line) => line.rater === pseudonym(prolific))).toMatchObject({ rater_email: null, rater_name: null, platform: "prolific", platform_id: PROLIFIC_ID });
    expect(lines.find((line) => line.rater === pseudonym(ada))).toMatchObject({ rater_email: ada.email, rater_name: "Ada Lovelace", platform: null, platform_id: null });

    const ratersText = await studyRatersCsv(study, EVERY_JUDGMENT, { identities: true });
    expect(header(ratersText).slice(0, 6)).toEqual(["rater", "rater_email", "rater_name", "platform", "platform_id", "excluded"]);
    expect(ratersText).not.toContain(MADE_UP);
    const raterRowsCsv = csv(ratersText);
    expect(raterRowsCsv.find((row) => row.rater === pseudonym(mturk))).toMatchObject({ rater_email: "", platform: "mturk", platform_id: MTURK_ID });
    expect(raterRowsCsv.find((row) => row.rater === pseudonym(bob))).toMatchObject({ rater_email: bob.email, rater_name: "'=HYPERLINK(1)", platform: "" });
    // The other columns are the pseudonymous download's, row for row.
    const plain = csv(await studyRatersCsv(study, EVERY_JUDGMENT));
    const withoutIdentity = (row: Record<string, string>) => Object.fromEntries(Object.entries(row).filter(([column]) => !["rater_email", "rater_name", "platform", "platform_id"].includes(column)));
    expect(raterRowsCsv.map(withoutIdentity)).toEqual(plain);
  });

  it("keep the study's setting for participants' ids working, with or without identities", async () => {
    const { study, ada, prolific, pseudonym } = await judgedStudy();
    await db().study.update({ where: { id: study.id }, data: { exportParticipantIds: true } });
    const plain = csv(await readAll(await judgmentsExport(study.id, "csv", "pairwise")));
    expect(Object.keys(plain[0])).toEqual([...JUDGMENT_COLUMNS]);
    expect(plain.find((row) => row.rater === pseudonym(prolific))).toMatchObject({ participant_id: PROLIFIC_ID, participant_session_id: `session-of-${PROLIFIC_ID}` });
    expect(plain.find((row) => row.rater === pseudonym(ada))).toMatchObject({ participant_id: "", participant_session_id: "" });
    const plainText = JSON.stringify(plain);
    for (const secret of [MADE_UP, ada.email, "Ada Lovelace"]) expect(plainText).not.toContain(secret);

    const withIdentities = csv(await readAll(await judgmentsExport(study.id, "csv", "pairwise", { identities: true })));
    expect(withIdentities.find((row) => row.rater === pseudonym(prolific))).toMatchObject({ participant_id: PROLIFIC_ID, platform: "prolific", platform_id: PROLIFIC_ID, rater_email: "" });
  });

  it("of a single-answer study do the same", async () => {
    const { study, ada, prolific, pseudonym } = await judgedStudy("absolute");
    const plain = await studyRatersCsv(study, EVERY_JUDGMENT);
    expect(header(plain)[1]).toBe("excluded");
    for (const secret of [MADE_UP, ada.email, PROLIFIC_ID]) expect(plain).not.toContain(secret);
    const named = csv(await studyRatersCsv(study, EVERY_JUDGMENT, { identities: true }));
    expect(named.find((row) => row.rater === pseudonym(prolific))).toMatchObject({ rater_email: "", platform: "prolific", platform_id: PROLIFIC_ID });
    expect(named.find((row) => row.rater === pseudonym(ada))).toMatchObject({ rater_email: ada.email, rater_name: "Ada Lovelace" });
    const labels = await readAll(await judgmentsExport(study.id, "csv", "absolute", { identities: true }));
    expect(labels).not.toContain(MADE_UP);
    expect(csv(labels).find((row) => row.rater === pseudonym(prolific))).toMatchObject({ platform: "prolific", platform_id: PROLIFIC_ID });
    const unnamed = await readAll(await judgmentsExport(study.id, "csv", "absolute"));
    for (const secret of [MADE_UP, ada.email, PROLIFIC_ID]) expect(unnamed).not.toContain(secret);
  });
});
