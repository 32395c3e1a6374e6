import { nextStep } from "@/lib/assign/rater-loop";
import { requireStudyForRater } from "@/lib/studies/rater-access";
import { skipAssignment } from "@/lib/assign/skip-assignment";
import { withRole } from "@/lib/auth";
import { readJson } from "@/lib/http";
import { skipSchema } from "@/lib/validation/judgment";

type Context = { params: Promise<{ slug: string }> };

/** Skips the rater's pair with a reason and answers with their next pair. */
export const POST = withRole(["rater"], async (request, rater, { params }: Context) => {
  const body = await readJson(request, skipSchema);
  if ("response" in body) return body.response;
  const { slug } = await params;
  await skipAssignment(rater.id, slug, body.data.assignmentId, body.data.reason);
  const study = await requireStudyForRater(slug, rater);
  return Response.json(await nextStep(study, rater.id));
});
