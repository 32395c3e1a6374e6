// The app's HTTP server (`npm run dev` and `npm start` run it through scripts/serve.ts): Next.js
// behind a plain node:http server that first writes the client's address into a header of its
// own, replacing anything a client sent, so the throttles count addresses no client can choose.
import { createServer } from "node:http";
import next from "next";
import { CLIENT_ADDRESS_HEADER, clientAddressOf } from "@/lib/client-address";
import { env } from "@/lib/env";

const dev = process.argv[2] === "dev";
const { PORT, TRUSTED_PROXIES } = env();

const server = createServer();
const app = next({ dev, port: PORT, httpServer: server });
await app.prepare();
const handle = app.getRequestHandler();
server.on("request", (request, response) => {
  request.headers[CLIENT_ADDRESS_HEADER] = clientAddressOf(request.socket.remoteAddress, request.headers["x-forwarded-for"], TRUSTED_PROXIES);
  void handle(request, response);
});
server.listen(PORT, () => console.log(`Ready on port ${PORT} (${dev ? "development" : "production"})`));
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    server.close();
    void app.close().finally(() => process.exit(0));
  });
}
