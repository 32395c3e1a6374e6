// Changing a study's settings after it is made. Each change is checked against what raters have
// already done, explained when refused, and written to the study's history.
import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { comparesTwoAnswers } from "@/lib/kinds/compares-two";
import { BOTH_BAD_NEEDS_TWO_ANSWERS, type StudySettings } from "@/lib/validation/study";
import { KINDS, type KindName } from "@/lib/kinds";

type RatingRules = Pick<StudySettings, "judgmentsPerPair" | "leaseMinutes" | "rationaleMode" | "goldPercent" | "quotaPerRater">;

/** How raters get pairs, from the form's units to the study's columns (when made, and when changed). */
export function ratingColumns(rules: RatingRules) {
  return {
    judgmentsPerPair: rules.judgmentsPerPair,
    leaseSeconds: rules.leaseMinutes * 60,
    rationaleMode: rules.rationaleMode,
    goldRate: rules.goldPercent / 100,
    quotaPerRater: rules.quotaPerRater,
  };
}

/** A setting as the history shows it: long texts summarised, an empty quota named. */
function described(key: keyof StudySettings, settings: StudySettings): string {
  if (key === "instructions") return `${settings.instructions.length} characters`;
  if (key === "quotaPerRater" && settings.quotaPerRater === null) return "no quota";
  if (key === "activeBaselines") return settings.activeBaselines.join(", ") || "none";
  if (key === "openToAllRaters") return settings.openToAllRaters ? "every rater" : "raters let in";
  if (key === "offerBothBad") return settings.offerBothBad ? "offered" : "not offered";
  return String(settings[key]);
}

export type SettingErrors = Partial<Record<keyof StudySettings, string>>;

/** The systems raters may be given pairs against: every system but the target, in the study's order. */
export async function studyBaselines(studyId: string, client: Prisma.TransactionClient = db()) {
  return client.system.findMany({
    where: { studyId, targetOf: null },
    orderBy: [{ position: "asc" }, { name: "asc" }],
    select: { id: true, name: true, active: true },
  });
}

/** The study's current settings, in the form's units. */
export async function studySettings(studyId: string, client: Prisma.TransactionClient = db()): Promise<StudySettings> {
  const study = await client.study.findUniqueOrThrow({
    where: { id: studyId },
    select: { raterTitle: true, instructions: true, judgmentsPerPair: true, leaseSeconds: true, rationaleMode: true, goldRate: true, quotaPerRater: true, openToAllRaters: true, offerBothBad: true },
  });
  const baselines = await studyBaselines(studyId, client);
  return {
    activeBaselines: baselines.filter((baseline) => baseline.active).map((baseline) => baseline.name),
    raterTitle: study.raterTitle,
    instructions: study.instructions,
    judgmentsPerPair: study.judgmentsPerPair,
    leaseMinutes: Math.round(study.leaseSeconds / 60),
    rationaleMode: study.rationaleMode,
    goldPercent: Math.round(study.goldRate * 1000) / 10,
    quotaPerRater: study.quotaPerRater,
    openToAllRaters: study.openToAllRaters,
    offerBothBad: study.offerBothBad,
  };
}

/**
 * Applies the changed settings, or none of them: a closed study takes no change, and k cannot
 * drop below the judgments and leases some ordinary pair already holds (those raters' work would
 * then exceed the design). Returns the errors by field, empty when saved.
 */
export async function updateStudySettings(studyId: string, settings: StudySettings, actorId: string | null): Promise<SettingErrors> {
  return db().$transaction(async (tx) => {
    const [study] = await tx.$queryRaw<{ status: string; kind: KindName }[]>`SELECT status, kind::text FROM "Study" WHERE id = ${studyId} FOR UPDATE`;
    if (!study) throw new AppError("not_found", "That study does not exist.");
    if (study.status === "closed") throw new AppError("conflict", "This study is closed: its settings and results are final.");
    const [{ held }] = await tx.$queryRaw<{ held: number }[]>`
      SELECT coalesce(max("heldCount"), 0)::int AS held FROM "Pair" WHERE "studyId" = ${studyId} AND "goldVerdict" IS NULL`;
    // The form offers it only where raters compare two answers; a request may still ask.
    if (settings.offerBothBad && !comparesTwoAnswers(study.kind)) return { offerBothBad: BOTH_BAD_NEEDS_TWO_ANSWERS };
    if (settings.judgmentsPerPair < held) {
      return { judgmentsPerPair: `must be at least ${held}: a pair already has ${held} raters' judgments or leases` };
    }
    const baselines = await studyBaselines(studyId, tx);
    const unknown = settings.activeBaselines.filter((name) => !baselines.some((baseline) => baseline.name === name));
    if (unknown.length) return { activeBaselines: `names no baseline of this study: ${unknown.join(", ")}` };
    if (baselines.length && settings.activeBaselines.length === 0) {
      return { activeBaselines: "must keep at least one baseline active (pause the study to stop all rating)" };
    }
    // In the study's order, whatever order the form sent them in.
    settings = { ...settings, activeBaselines: baselines.filter((baseline) => settings.activeBaselines.includes(baseline.name)).map((baseline) => baseline.name) };
    const before = await studySettings(studyId, tx);
    const changed = (Object.keys(settings) as (keyof StudySettings)[]).filter((key) => String(settings[key]) !== String(before[key]));
    if (changed.length === 0) return {};
    await tx.study.update({
      where: { id: studyId },
      data: {
        raterTitle: settings.raterTitle || KINDS[study.kind].raterTitle,
        instructions: settings.instructions,
        openToAllRaters: settings.openToAllRaters,
        offerBothBad: settings.offerBothBad,
        ...ratingColumns(settings),
      },
    });
    if (changed.includes("activeBaselines")) {
      const active = baselines.filter((baseline) => settings.activeBaselines.includes(baseline.name)).map((baseline) => baseline.id);
      await tx.system.updateMany({ where: { id: { in: baselines.map((baseline) => baseline.id) } }, data: { active: false } });
      await tx.system.updateMany({ where: { id: { in: active } }, data: { active: true } });
      // An absolute study's item has one system: the baseline's is then taken as active.
      await tx.$executeRaw`
        UPDATE "Pair" p SET active = next.active
          FROM (SELECT q.id, ts.active AND coalesce(bs.active, true) AS active
                  FROM "Pair" q JOIN "System" ts ON ts.id = q."targetSystemId" LEFT JOIN "System" bs ON bs.id = q."baselineSystemId"
                 WHERE q."studyId" = ${studyId}) next
         WHERE p.id = next.id AND p.active IS DISTINCT FROM next.active`;
    }
    await tx.studyEvent.createMany({
      data: changed.map((key) => ({
        studyId,
        actorId,
        what: key,
        before: described(key, before),
        after: described(key, settings),
      })),
    });
    return {};
  });
}
