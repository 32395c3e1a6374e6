import { nextStep } from "@/lib/assign/rater-loop";
import { requireStudyForRater } from "@/lib/studies/rater-access";
import { withRole } from "@/lib/auth";
import { readJson } from "@/lib/http";
import { undoJudgment } from "@/lib/judgments/undo-judgment";
import { undoSchema } from "@/lib/validation/judgment";

type Context = { params: Promise<{ slug: string }> };

/**
 * Takes back the rater's last judgment (within a minute of it) and answers with their next step:
 * the same pair again.
 */
export const POST = withRole(["rater"], async (request, rater, { params }: Context) => {
  const body = await readJson(request, undoSchema);
  if ("response" in body) return body.response;
  const { slug } = await params;
  await undoJudgment(rater.id, slug, body.data.assignmentId);
  const study = await requireStudyForRater(slug, rater);
  return Response.json({ outcome: "undone", ...(await nextStep(study, rater.id)) });
});
