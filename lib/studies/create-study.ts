import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { KINDS } from "@/lib/kinds";
import { defaultInstructions } from "@/lib/kinds/study-measure";
import { readLimaTestSet } from "@/lib/studies/lima-test-set";
import { ratingColumns } from "@/lib/studies/study-settings";
import type { NewStudy } from "@/lib/validation/study";

/** A new study with its systems, and the LIMA test set's 300 prompts when asked for. */
export async function createStudy(input: NewStudy, createdById: string | null) {
  try {
    return await db().$transaction(async (tx) => {
      const study = await tx.study.create({
        data: {
          slug: input.slug,
          title: input.title,
          raterTitle: input.raterTitle || KINDS[input.kind].raterTitle,
          description: input.description,
          instructions: input.instructions || defaultInstructions(input.kind, input, { bothBad: input.offerBothBad }),
          kind: input.kind,
          pairDesign: input.pairDesign,
          scaleMin: input.scaleMin,
          scaleMax: input.scaleMax,
          ...ratingColumns(input),
          promptOncePerRater: input.promptOncePerRater,
          openToAllRaters: input.openToAllRaters,
          offerBothBad: input.offerBothBad,
          createdById,
        },
        select: { id: true, slug: true },
      });
      const systems = await tx.system.createManyAndReturn({
        data: [input.target, ...input.baselines].map((name, position) => ({ studyId: study.id, name, position })),
        select: { id: true, name: true, position: true },
      });
      await tx.study.update({ where: { id: study.id }, data: { targetSystemId: systems[0].id } });
      if (input.prompts === "lima-test-set") {
        await tx.prompt.createMany({ data: readLimaTestSet().map((prompt) => ({ studyId: study.id, ...prompt })) });
      }
      return { ...study, systems };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("conflict", `The slug "${input.slug}" is taken by another study: choose another.`);
    }
    throw error;
  }
}
