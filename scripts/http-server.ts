// The app's HTTP server (`npm run dev` and `npm start` run it through scripts/serve.ts): Next.js
// behind a plain node:http server that first writes the client's address into a header of its
// own, replacing anything a client sent, so the throttles count addresses no client can choose;
// and sets the security headers every answer carries (a page's policy replaces the default one).
import { createServer } from "node:http";
import next from "next";
import { CLIENT_ADDRESS_HEADER, clientAddressOf } from "@/lib/client-address";
import { env } from "@/lib/env";
import { FRAMEABLE_PATH, OTHER_SECURITY_POLICY, STRICT_TRANSPORT_SECURITY } from "@/lib/security-headers";

const dev = process.argv[2] === "dev";
const { PORT, TRUSTED_PROXIES, NEXTAUTH_URL } = env();
const https = NEXTAUTH_URL?.startsWith("https://") ?? false;

const server = createServer();
const app = next({ dev, port: PORT, httpServer: server });
await app.prepare();
const handle = app.getRequestHandler();
server.on("request", (request, response) => {
  request.headers[CLIENT_ADDRESS_HEADER] = clientAddressOf(request.socket.remoteAddress, request.headers["x-forwarded-for"], TRUSTED_PROXIES);
  response.setHeader("Content-Security-Policy", OTHER_SECURITY_POLICY);
  // A crowd link's page may be framed by MTurk, as its page's policy says (frame-ancestors).
  if (!request.url?.startsWith(FRAMEABLE_PATH)) response.setHeader("X-Frame-Options", "DENY");
  response.setHeader("X-Content-Type-Options", "nosniff");
  response.setHeader("Referrer-Policy", "same-origin");
  if (https) response.setHeader("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
  void handle(request, response);
});
server.listen(PORT, () => console.log(`Ready on port ${PORT} (${dev ? "development" : "production"})`));
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    server.close();
    void app.close().finally(() => process.exit(0));
  });
}
