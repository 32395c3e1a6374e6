import { nextStep } from "@/lib/assign/rater-loop";
import { requireStudyForRater } from "@/lib/studies/rater-access";
import { withRole } from "@/lib/auth";

type Context = { params: Promise<{ slug: string }> };

/** The rater's current pair (resumed) or a new one; `pair` is null when none is left. */
export const GET = withRole(["rater"], async (_request, rater, { params }: Context) => {
  const study = await requireStudyForRater((await params).slug, rater);
  return Response.json(await nextStep(study, rater.id), { headers: { "Cache-Control": "no-store" } });
});
