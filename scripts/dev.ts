// `npm run dev`: from nothing to a running portal with demo data (see scripts/stack.ts).
// Ctrl-C stops wrangler, the libSQL server and the local OpenID providers (itsme, eID).
// `npm run dev -- --scale` seeds the scale data set.
import { join } from "node:path";
import { formatNrn, TEST_PERSONS } from "./oidc-provider/persons.ts";
import { root, startStack } from "./stack.ts";

const port = Number(process.env.PORT ?? 8787);
const stack = await startStack({
  dataDir: join(root, ".data"),
  port,
  dbPort: Number(process.env.LIBSQL_PORT ?? 8080),
  oidcPort: Number(process.env.OIDC_PORT ?? 8090),
  scale: process.argv.includes("--scale"),
});
const persons = TEST_PERSONS.slice(0, 3)
  .map((p) => `${p.firstName} ${p.lastName} (${formatNrn(p.nationalNumber)})`)
  .join(", ");
console.log(
  `\nLoket is running: ${stack.url}\nLogin codes arrive in ${stack.url}/dev/outbox (demo: contract 5422, customer 439561).\nDatabase: ${stack.db.url} (Hrana over HTTP, with a bearer token made for this run; the file is .data/loket.db)\n` +
    `itsme and eID card: local test providers at ${stack.oidc.url} (fresh keys each run). On the login page, "First registration": contract 5422, customer 439561, accept the terms, then itsme or eID card, and pick a test person — ${persons}, … Afterwards "I have already registered" logs the same person in.\n`,
);

async function stop() {
  await stack.stop();
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
stack.wrangler.on("exit", () => void stop());
