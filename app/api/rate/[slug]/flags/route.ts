import { withRole } from "@/lib/auth";
import { readJson } from "@/lib/http";
import { flagPair } from "@/lib/judgments/flag-pair";
import { flagSchema } from "@/lib/validation/judgment";

type Context = { params: Promise<{ slug: string }> };

/** Reports the pair's content as broken or offensive; the rater stays on the pair. */
export const POST = withRole(["rater"], async (request, rater, { params }: Context) => {
  const body = await readJson(request, flagSchema);
  if ("response" in body) return body.response;
  await flagPair(rater.id, (await params).slug, body.data);
  return Response.json({ flagged: true }, { status: 201 });
});
