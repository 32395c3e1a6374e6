import { z } from "zod";
import { DEFAULT_KIND, KIND_NAMES, KINDS } from "@/lib/kinds";
import { comparesTwoAnswers } from "@/lib/kinds/compares-two";
import { scaleColumns } from "@/lib/kinds/study-measure";

const systemName = z.string().trim().min(1).max(200, "must be at most 200 characters");

/** A list typed as one value per line or separated by commas, as a form or a CLI flag gives it. */
const nameList = z
  .union([z.array(systemName), z.string()])
  .transform((value) => (Array.isArray(value) ? value : value.split(/[\n,]/).map((name) => name.trim()).filter(Boolean)));

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Whether a slug from an address could be a study's, before it goes near the database. */
export const isSlug = (value: string) => value.length <= 60 && SLUG.test(value);

const scalePoint = z.preprocess(
  (value) => (value === "" || value === undefined || value === null ? undefined : Number(value)),
  z.number("must be a whole number").int("must be a whole number").min(0, "must be at least 0").max(100, "must be at most 100").optional(),
);

/** Why a study of answers rated one at a time cannot offer "Both are bad". */
export const BOTH_BAD_NEEDS_TWO_ANSWERS = "only a study whose raters compare two answers can offer \"Both are bad\"";

const studyFields = z.object({
    title: z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters"),
    slug: z
      .string()
      .trim()
      .min(3, "must be at least 3 characters")
      .max(60, "must be at most 60 characters")
      .regex(SLUG, "may hold only lower-case letters, digits and single hyphens"),
    raterTitle: z.string().trim().max(200, "must be at most 200 characters").default(""),
    description: z.string().trim().max(2000, "must be at most 2,000 characters").default(""),
    // A browser sends a textarea's line breaks as CRLF: stored as typed, an unchanged text would differ on every save.
    instructions: z.preprocess(
      (value) => (typeof value === "string" ? value.replace(/\r\n?/g, "\n") : value),
      z.string().trim().max(20_000, "must be at most 20,000 characters").default(""),
    ),
    target: systemName,
    baselines: nameList.default([]),
    kind: z.enum(KIND_NAMES, `must be ${KIND_NAMES.slice(0, -1).join(", ")} or ${KIND_NAMES.at(-1)}`).default(DEFAULT_KIND),
    pairDesign: z.enum(["target_vs_baselines", "all_pairs"]).default("target_vs_baselines"),
    judgmentsPerPair: z.coerce.number().int("must be a whole number").min(1, "must be at least 1").max(50, "must be at most 50").default(1),
    leaseMinutes: z.coerce.number().int("must be a whole number").min(1, "must be at least 1").max(24 * 60, "must be at most 1,440 (a day)").default(15),
    rationaleMode: z.enum(["off", "optional", "required"], "must be off, optional or required").default("off"),
    goldPercent: z.coerce.number().min(0, "must be at least 0").max(50, "must be at most 50").default(0),
    // An empty field means no quota.
    quotaPerRater: z.preprocess(
      (value) => (value === "" || value === undefined || value === null ? null : Number(value)),
      z
        .number("must be a number of pairs")
        .int("must be a whole number")
        .min(1, "must be at least 1, or empty for no quota")
        .max(100_000, "must be at most 100,000")
        .nullable(),
    ),
    // A checkbox sends "on" when ticked and nothing otherwise.
    // The new-study form sends "off" for an unticked box; left out, it depends on the kind (below).
    promptOncePerRater: z
      .union([z.boolean(), z.literal("on"), z.literal("off")], "must be on or off")
      .transform((value) => value === true || value === "on")
      .optional(),
    openToAllRaters: z.union([z.boolean(), z.literal("on")]).transform(Boolean).default(false),
    // A fourth option beside two answers, "Both are bad" (a tie in the target's terms).
    offerBothBad: z.union([z.boolean(), z.literal("on")], "must be on or off").transform(Boolean).default(false),
    prompts: z.enum(["lima-test-set", "own"], "must be lima-test-set or own").default("own"),
    // A study of scores states its scale; empty fields take the kind's (the paper's 1 to 6).
    scaleMin: scalePoint,
    scaleMax: scalePoint,
  });

export const newStudySchema = studyFields
  .refine((study) => !study.baselines.includes(study.target), { path: ["baselines"], message: "must not include the target system" })
  .refine((study) => new Set(study.baselines).size === study.baselines.length, { path: ["baselines"], message: "must not repeat a name" })
  .refine((study) => !study.offerBothBad || comparesTwoAnswers(study.kind), { path: ["offerBothBad"], message: BOTH_BAD_NEEDS_TWO_ANSWERS })
  // One prompt per rater keeps a pairwise study blind: the target's answer would be the one text
  // that repeats. Answers rated alone have no such tell, and the paper's ablation gave raters
  // several answers to one prompt, so there it is off unless asked for.
  .superRefine((study, context) => {
    const { measure } = KINDS[study.kind];
    if (measure.shape !== "scores") {
      for (const end of ["scaleMin", "scaleMax"] as const) {
        if (study[end] !== undefined) context.addIssue({ code: "custom", path: [end], message: "only a study of scores has a scale" });
      }
      return;
    }
    const min = study.scaleMin ?? measure.scale.min;
    const max = study.scaleMax ?? measure.scale.max;
    if (min >= max) context.addIssue({ code: "custom", path: ["scaleMax"], message: `must be above the lowest score (${min})` });
    else if (max - min > 20) context.addIssue({ code: "custom", path: ["scaleMax"], message: `must be at most 20 above the lowest score (${min}): a scale of at most 21 points` });
  })
  .transform(({ scaleMin, scaleMax, ...study }) => ({
    ...study,
    ...scaleColumns(study.kind, { scaleMin, scaleMax }),
    promptOncePerRater: study.promptOncePerRater ?? comparesTwoAnswers(study.kind),
  }));

export type NewStudy = z.infer<typeof newStudySchema>;

/** What may be edited after a study is made (lib/studies/study-settings.ts guards the rest). */
export const studySettingsSchema = studyFields.pick({
  raterTitle: true,
  instructions: true,
  judgmentsPerPair: true,
  leaseMinutes: true,
  rationaleMode: true,
  goldPercent: true,
  quotaPerRater: true,
  openToAllRaters: true,
  offerBothBad: true,
}).extend({
  /** The baselines raters get pairs with; the others' pairs wait. */
  activeBaselines: z.array(systemName).default([]),
});

export type StudySettings = z.infer<typeof studySettingsSchema>;
