import { nextStep } from "@/lib/assign/rater-loop";
import { requireStudyForRater } from "@/lib/studies/rater-access";
import { withRole } from "@/lib/auth";
import { readJson } from "@/lib/http";
import { submitJudgment } from "@/lib/judgments/submit-judgment";
import { judgmentSchema } from "@/lib/validation/judgment";

type Context = { params: Promise<{ slug: string }> };

/** Records a judgment (idempotently) and answers with the rater's next pair. */
export const POST = withRole(["rater"], async (request, rater, { params }: Context) => {
  const body = await readJson(request, judgmentSchema);
  if ("response" in body) return body.response;
  const { slug } = await params;
  const outcome = await submitJudgment(rater.id, slug, body.data);
  const study = await requireStudyForRater(slug, rater);
  return Response.json({ outcome, ...(await nextStep(study, rater.id)) });
});
