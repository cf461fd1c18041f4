// node scripts/libsql-server/cli.ts --db .data/loket.db [--port 8080] [--host 127.0.0.1] [--max-body-bytes 10485760]
// The bearer token comes from LIBSQL_AUTH_TOKEN (an environment variable, not an argument, so it
// does not show in `ps`); without it the server asks for none.
// Started by scripts/stack.ts as a child process with an IPC channel: it reports its URL there
// and ends when the parent goes away.
import { startLibsqlServer } from "./server.ts";

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const dbPath = option("db") ?? ".data/loket.db";
const maxBody = option("max-body-bytes");
const server = await startLibsqlServer({
  dbPath,
  port: Number(option("port") ?? 8080),
  host: option("host"),
  maxBodyBytes: maxBody ? Number(maxBody) : undefined,
});
const withToken = process.env.LIBSQL_AUTH_TOKEN ? ", bearer token required" : "";
console.log(`libSQL (Hrana over HTTP) for ${dbPath} on ${server.url}${withToken}`);
const stop = () => void server.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
if (process.send) {
  process.send({ url: server.url, port: server.port });
  process.on("disconnect", stop);
}
