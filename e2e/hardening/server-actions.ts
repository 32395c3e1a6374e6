// Posting a server action as the browser does: its id from the build's manifest, its arguments
// encoded by React's own client encoder, the page it belongs to as the URL.
import { readFileSync } from "node:fs";

const { encodeReply } = (await import("next/dist/compiled/react-server-dom-turbopack/client.node.js" as string)) as {
  encodeReply(args: unknown[]): Promise<string | FormData>;
};

/** The production build's server actions, by exported name. */
export function serverActions(): Map<string, string> {
  const { node } = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as { node: Record<string, { exportedName: string }> };
  return new Map(Object.entries(node).map(([id, action]) => [action.exportedName, id]));
}

export async function invokeAction(origin: string, path: string, actionId: string, cookie: string, args: unknown[], headers: Record<string, string> = {}) {
  const body = await encodeReply(args);
  const response = await fetch(`${origin}${path}`, {
    method: "POST",
    headers: {
      cookie,
      "Next-Action": actionId,
      Origin: origin,
      Accept: "text/x-component",
      ...(typeof body === "string" ? { "content-type": "text/plain;charset=UTF-8" } : {}),
      ...headers,
    },
    body,
    redirect: "manual",
  });
  return { status: response.status, text: await response.text() };
}
