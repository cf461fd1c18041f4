// node scripts/libsql-server/cli.ts --db .data/loket.db [--port 8080] [--host 127.0.0.1]
import { startLibsqlServer } from "./server.ts";

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const dbPath = option("db") ?? ".data/loket.db";
const server = await startLibsqlServer({ dbPath, port: Number(option("port") ?? 8080), host: option("host") });
console.log(`libSQL (Hrana over HTTP) for ${dbPath} on ${server.url}`);
const stop = () => void server.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
