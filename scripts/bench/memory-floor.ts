// The memory floor of `wrangler dev` itself: a Worker that only answers "ok", under the same
// load as `npm run bench -- --memory`. Whatever the app's workerd grows beyond this is the app's.
// Usage: npm run bench:memory-floor   (BENCH_MEMORY_REQUESTS, BENCH_CONNECTIONS as for the bench)
import autocannon from "autocannon";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { root } from "../stack.ts";
import { findAppWorkerd, mb, rssOf } from "./workerd.ts";

const requests = Number(process.env.BENCH_MEMORY_REQUESTS ?? 3000);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 8);
const port = 8900 + Math.floor(Math.random() * 90);
const dir = mkdtempSync(join(tmpdir(), "loket-floor-"));
writeFileSync(join(dir, "worker.js"), 'export default { fetch() { return new Response("ok"); } };\n');
writeFileSync(join(dir, "wrangler.toml"), 'name = "floor"\nmain = "worker.js"\ncompatibility_date = "2026-11-01"\n');
const wrangler = spawn(join(root, "node_modules/.bin/wrangler"), ["dev", "--port", String(port), "--ip", "127.0.0.1", "--show-interactive-dev-session=false"], {
  cwd: dir,
  stdio: "ignore",
  env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true" },
});
const url = `http://127.0.0.1:${port}/`;
try {
  for (let i = 0; ; i++) {
    if (
      (await fetch(url)
        .then((r) => r.ok)
        .catch(() => false)) === true
    )
      break;
    if (i > 120) throw new Error("wrangler dev did not start");
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const workerd = findAppWorkerd(wrangler.pid!, port);
  const run = (amount: number) => autocannon({ url, connections, amount, headers: { "Accept-Encoding": "gzip" } });
  await run(100);
  const before = rssOf(workerd.pid);
  console.log(`${requests} requests of a Worker that answers "ok", ${connections} connections, under wrangler dev`);
  console.log(`| after | RSS MB |\n|---|---|\n| warm-up (100 requests) | ${mb(before)} |`);
  for (let done = 0; done < requests; ) {
    const n = Math.min(500, requests - done);
    await run(n);
    done += n;
    console.log(`| ${done} requests | ${mb(rssOf(workerd.pid))} |`);
  }
  const after = rssOf(workerd.pid);
  console.log(
    `\nRSS before ${mb(before)} MB, after ${requests} requests ${mb(after)} MB (+${mb(after - before)} MB): the runtime's own, per request ${((after - before) / requests / 1024).toFixed(1)} KB`,
  );
} finally {
  wrangler.kill("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
}
