// A database that freezes on writes: a proxy in front of the test's libSQL server that forwards
// reads and holds every pipeline that writes without ever answering it (or forwarding it), as a
// hung database would. The timeout test points a Worker at it.
import { createServer, request as forward, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { TestProject } from "vitest/node";

const WRITE = /"sql"\s*:\s*"\s*(insert|update|delete|replace)\b/i;

export default async function setup(project: TestProject) {
  // Runs after test/setup/database.ts, which provides the real server's address.
  const target = new URL(project.getProvidedContext().dbUrl);
  const held: ServerResponse[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      if (WRITE.test(body.toString("utf8"))) {
        held.push(res);
        return;
      }
      const out = forward({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      out.on("error", () => res.destroy());
      out.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  project.provide("frozenDbUrl", `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  return async () => {
    for (const res of held) res.destroy();
    await new Promise((resolve) => server.close(resolve));
  };
}
