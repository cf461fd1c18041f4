// `npm run dev`: from nothing to a running portal with demo data (see scripts/stack.ts).
// Ctrl-C stops wrangler and the libSQL server. `npm run dev -- --scale` seeds the scale data set.
import { join } from "node:path";
import { root, startStack } from "./stack.ts";

const port = Number(process.env.PORT ?? 8787);
const stack = await startStack({
  dataDir: join(root, ".data"),
  port,
  dbPort: Number(process.env.LIBSQL_PORT ?? 8080),
  scale: process.argv.includes("--scale"),
});
console.log(
  `\nLoket is running: ${stack.url}\nLogin codes arrive in ${stack.url}/dev/outbox (demo: contract 5422, customer 439561).\nDatabase: ${stack.db.url} (Hrana over HTTP, with a bearer token made for this run; the file is .data/loket.db)\n`,
);

async function stop() {
  await stack.stop();
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
stack.wrangler.on("exit", () => void stop());
