// `npm run bench`: for each page, full document and htmx fragment, the HTML bytes (raw, gzip),
// the database round trips it costs (Hrana pipeline requests counted at the local server) and
// p50/p95 latency under a bounded load on loopback (autocannon), next to the floor of the same run
// (/health and a static asset) and each page's p95 as a multiple of /health's. Runs on the scale
// data set, in a fresh database of its own.
//
//   npm run bench                       the table (BENCH_CONNECTIONS, default 8; BENCH_SECONDS, default 5)
//   npm run bench -- --memory           RSS of the app's workerd before and after 3,000 requests of /en/documents
//   npm run bench -- --burst            the burst script (scripts/bench/burst.ts) against a fresh stack
//
// Honest numbers: the libSQL server runs in its own process (scripts/stack.ts), every request
// sends `Accept-Encoding: gzip` as a browser does, and p50/p95 are computed from every response's
// own latency (autocannon's per-response timing), not read off histogram buckets.
import autocannon from "autocannon";
import { createClient } from "@libsql/client/node";
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { startStack } from "../stack.ts";
import { demoStaff } from "../seed-desk.ts";
import { usageScaleTimings } from "../seed-usage.ts";
import { createDb } from "../../src/db/client.ts";
import { rollUpUsage } from "../../src/features/fleet/usage.ts";
import { checkUsageAlerts, purgeUsage } from "../../src/features/fleet/usage-cron.ts";
import { totpCode } from "../../src/features/desk/totp.ts";
import { csrfOf, logInToDesk, logInWithPassword, postForm } from "./http.ts";
import { findAppWorkerd, mb, rssOf } from "./workerd.ts";

const args = process.argv.slice(2);
if (args.includes("--burst")) {
  await import("./burst.ts");
  process.exit(process.exitCode ?? 0);
}
const MEMORY = args.includes("--memory");
const PORT = Number(process.env.BENCH_PORT ?? 8799);
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const MEMORY_REQUESTS = Number(process.env.BENCH_MEMORY_REQUESTS ?? 3000);
// Another page for the memory run (e.g. /health, to tell the app's growth from the runtime's).
const MEMORY_PATH = process.env.BENCH_MEMORY_PATH ?? "/en/documents";

type Row = { page: string; variant: string; raw: number; gzip: number; roundTrips: number | undefined; p50: number; p95: number; status: number; requests: number; statuses: string };

const dataDir = mkdtempSync(join(tmpdir(), "loket-bench-"));
console.log("starting the stack with the scale data set (libSQL in its own process)…");
const stack = await startStack({ dataDir, port: PORT, scale: true, quiet: true });
const base = stack.url;

// wrangler dev rebuilds and reloads when a source file changes (someone editing while the bench
// runs): a GET outside the measured load that meets a reset connection is tried again, and said so.
const rawFetch = globalThis.fetch;
globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await rawFetch(input, init);
    } catch (error) {
      if ((init?.method ?? "GET") !== "GET" || attempt === 3) throw error;
      console.log(`  (a GET of ${String(input)} failed: ${(error as { cause?: { code?: string } }).cause?.code ?? error}; retrying)`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
};

const workerd = findAppWorkerd(stack.wrangler.pid!, PORT);
console.log(`app's workerd: pid ${workerd.pid} (${workerd.how})`);
const rssAtStart = rssOf(workerd.pid);
// Latency on loopback is only as good as the machine is idle: say how busy it was.
const load = () =>
  `load average ${loadavg()
    .map((n) => n.toFixed(1))
    .join(" / ")} on ${availableParallelism()} CPUs`;
const loadAtStart = load();

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
const ms = (n: number) => Math.round(n * 10) / 10;

/** Load on one URL; every response's latency is kept, then sorted. */
async function loadOf(path: string, headers: Record<string, string>, options: { amount?: number } = {}) {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const result = await autocannon({
    url: `${base}${path}`,
    headers: { "Accept-Encoding": "gzip", ...headers },
    connections: CONNECTIONS,
    ...(options.amount ? { amount: options.amount } : { duration: DURATION_S }),
    setupClient(client) {
      client.on("response", (status: number, _bytes: number, duration: number) => {
        latencies.push(duration);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      });
    },
  });
  latencies.sort((a, b) => a - b);
  const failures = result.errors + result.timeouts;
  if (failures > 0) statuses.set(0, failures);
  return {
    p50: ms(percentile(latencies, 0.5)),
    p95: ms(percentile(latencies, 0.95)),
    requests: latencies.length,
    statuses: [...statuses]
      .sort(([a], [b]) => a - b)
      .map(([s, n]) => (s === 0 ? `no answer: ${n}` : `${s}: ${n}`))
      .join(", "),
  };
}

async function measure(page: string, path: string, variant: "full" | "fragment" | "floor", cookie: string): Promise<Row> {
  const headers: Record<string, string> = { "Accept-Language": "en", "Accept-Encoding": "gzip" };
  if (cookie) headers.Cookie = cookie;
  if (variant === "fragment") Object.assign(headers, { "HX-Request": "true", "HX-Request-Type": "partial" });
  // Warm the isolate (and the terms cache) so the count is what a steady request costs.
  await (await fetch(`${base}${path}`, { headers })).arrayBuffer();
  await stack.db.resetStats();
  const response = await fetch(`${base}${path}`, { headers });
  const body = Buffer.from(await response.arrayBuffer());
  // Round trips are counted once the response is complete (waitUntil work after it is not the page's).
  const roundTrips = (await stack.db.stats()).pipelineRequests;
  const result = await loadOf(path, headers);
  return { page, variant, raw: body.length, gzip: gzipSync(body).length, roundTrips, status: response.status, ...result };
}

/** Logs in with a one-time code (the head office 439561 by e-mail), read from /dev/outbox. */
async function logInWithCode(): Promise<string> {
  const { CookieJar } = await import("./http.ts");
  const jar = new CookieJar();
  const page = await fetch(`${base}/en/login`);
  let cookie = jar.take(page);
  const csrf = csrfOf(await page.text());
  await (await postForm(base, "/en/login/code", cookie, { _csrf: csrf, customerNumber: "439561", channel: "email" })).arrayBuffer();
  // The message may be written after the answer (waitUntil): poll the outbox for a moment.
  let message: { recipient: string; body: string } | undefined;
  for (const until = Date.now() + 5000; !message && Date.now() < until; await new Promise((resolve) => setTimeout(resolve, 50))) {
    const outbox = (await (await fetch(`${base}/dev/outbox`, { headers: { Accept: "application/json" } })).json()) as { messages: { recipient: string; body: string }[] };
    message = outbox.messages.find((m) => m.recipient === "info@apparthotels.com");
  }
  if (!message) throw new Error("no login code in /dev/outbox");
  const code = message.body.match(/ ([A-Za-z0-9]{6})\. /)![1]!;
  const login = await postForm(base, "/en/login", cookie, { _csrf: csrf, contractNumber: "5422", customerNumber: "439561", code, acceptTerms: "on" });
  if (login.status !== 303) throw new Error(`login failed: ${login.status}`);
  cookie = jar.take(login);
  return cookie;
}

/** Selects 50 invoices of the head office and downloads them as one ZIP, twice, sampling workerd's memory. */
async function zipOfFifty(cookie: string) {
  const db = createClient({ url: stack.db.url, authToken: stack.db.token });
  const ids = (
    await db.execute(
      "SELECT d.id FROM documents d JOIN customers c ON c.id = d.customer_id WHERE c.customer_number = '439561' AND d.kind = 'invoice' ORDER BY d.document_date DESC, d.id DESC LIMIT 50",
    )
  ).rows.map((r) => String(r.id));
  db.close();
  const page = await (await fetch(`${base}/en/documents`, { headers: { Cookie: cookie } })).text();
  const form = new URLSearchParams({ _csrf: csrfOf(page) });
  for (const id of ids) {
    form.append("shown", id);
    form.append("selected", id);
  }
  await (await postForm(base, "/en/documents/selection", cookie, form)).arrayBuffer();
  const baseRss = rssOf(workerd.pid);
  let peak = baseRss;
  const sampler = setInterval(() => (peak = Math.max(peak, rssOf(workerd.pid))), 20);
  const download = async (query = "") => {
    const started = performance.now();
    const response = await fetch(`${base}/en/documents/selection.zip${query}`, { headers: { Cookie: cookie, "Accept-Encoding": "gzip" } });
    const bytes = (await response.arrayBuffer()).byteLength;
    if (response.status !== 200) throw new Error(`ZIP answered ${response.status}`);
    return { ms: Math.round(performance.now() - started), bytes };
  };
  const first = await download();
  const second = await download();
  // The same 50 with each invoice's e-invoice (UBL, the PDF embedded) next to its PDF.
  const both = await download("?format=both");
  clearInterval(sampler);
  return { firstMs: first.ms, secondMs: second.ms, bytes: second.bytes, bothMs: both.ms, bothBytes: both.bytes, baseRss, peakRssDelta: peak - baseRss, ids };
}

/** The e-invoice (UBL) of each of these documents, one request at a time: p50/p95 per document and the size. */
async function ublTimings(cookie: string, ids: string[]) {
  const times: number[] = [];
  let bytes = 0;
  for (const id of ids) {
    const started = performance.now();
    const response = await fetch(`${base}/en/documents/${id}/ubl`, { headers: { Cookie: cookie } });
    bytes = Math.max(bytes, (await response.arrayBuffer()).byteLength);
    if (response.status !== 200) throw new Error(`UBL of ${id} answered ${response.status}`);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { count: times.length, p50: ms(percentile(times, 0.5)), p95: ms(percentile(times, 0.95)), largest: bytes };
}

/** The fleet export of every line of 100457319 (10,000 with the scale data) as margaux, sampling workerd's memory. */
/** The cron's usage work on the scale data through the libSQL server, as the Worker runs it: rollup, notifications, purge. */
async function usageCron() {
  const db = createDb(stack.db.url, stack.db.token, 30_000);
  const time = async (work: () => Promise<unknown>) => {
    const started = performance.now();
    await work();
    return ms(performance.now() - started);
  };
  return { rollup: await time(() => rollUpUsage(db)), alerts: await time(() => checkUsageAlerts(db, Date.now(), base)), purge: await time(() => purgeUsage(db)) };
}

async function fleetExport(cookie: string) {
  const baseRss = rssOf(workerd.pid);
  let peak = baseRss;
  const sampler = setInterval(() => (peak = Math.max(peak, rssOf(workerd.pid))), 20);
  const started = performance.now();
  const response = await fetch(`${base}/en/fleet/lines.xlsx`, { headers: { Cookie: cookie } });
  const bytes = (await response.arrayBuffer()).byteLength;
  const ms = Math.round(performance.now() - started);
  clearInterval(sampler);
  if (response.status !== 200) throw new Error(`fleet export answered ${response.status}`);
  return { ms, bytes, baseRss, peakRssDelta: peak - baseRss };
}

/** Bulk change of 1,000 scale lines of 100457319 to Mobile Europe as margaux: review (one batch), then apply in chunks until done. */
async function bulkOfThousand(cookie: string) {
  const db = createClient({ url: stack.db.url, authToken: stack.db.token });
  const ids = (
    await db.execute(
      "SELECT l.id FROM mobile_lines l JOIN customers c ON c.id = l.customer_id WHERE c.customer_number = '100457319' AND l.msisdn LIKE '047%' AND l.status <> 'STOPPED' ORDER BY l.msisdn LIMIT 1000",
    )
  ).rows.map((r) => String(r.id));
  const plan = String((await db.execute("SELECT id FROM tariff_plans WHERE code = 'mobile_europe'")).rows[0]!.id);
  db.close();
  const choose = await (await fetch(`${base}/en/fleet/bulk/new?kind=plan`, { headers: { Cookie: cookie } })).text();
  const key = choose.match(/name="key" value="([^"]+)"/)![1]!;
  const form = new URLSearchParams({ _csrf: csrfOf(choose), kind: "plan", key, plan });
  for (const id of ids) form.append("line", id);
  let started = performance.now();
  const created = await postForm(base, "/en/fleet/bulk", cookie, form);
  const reviewMs = Math.round(performance.now() - started);
  const job = created.headers.get("Location");
  if (created.status !== 303 || !job) throw new Error(`bulk review answered ${created.status}`);
  await stack.db.resetStats();
  const review = Buffer.from(await (await fetch(`${base}${job}`, { headers: { Cookie: cookie, "Accept-Encoding": "gzip" } })).arrayBuffer());
  const reviewRoundTrips = (await stack.db.stats()).pipelineRequests;
  started = performance.now();
  const apply = await postForm(base, `${job}/apply`, cookie, { _csrf: csrfOf(review.toString()), key });
  await apply.arrayBuffer();
  for (let i = 0; i < 100; i++) {
    const page = await (await fetch(`${base}${job}`, { headers: { Cookie: cookie } })).text();
    if (page.includes("The change was applied to")) break;
  }
  const applyMs = Math.round(performance.now() - started);
  return { lines: ids.length, reviewMs, applyMs, reviewGzip: gzipSync(review).length, reviewRoundTrips };
}

/** 3,000 requests of the documents page (100,000 rows) with RSS of the app's workerd before, during and after. */
async function memoryRun() {
  const cookie = await logInWithPassword(base, "apparthotels", "Loket-Demo-2026");
  const headers = { Cookie: cookie, "Accept-Language": "en" };
  await loadOf(MEMORY_PATH, headers, { amount: 100 }); // warm: the isolate, the caches, the JIT
  const before = rssOf(workerd.pid);
  console.log(`\n${MEMORY_REQUESTS} requests of ${MEMORY_PATH}, ${CONNECTIONS} connections; RSS of the app's workerd (pid ${workerd.pid})`);
  console.log(`| after | RSS MB | statuses | p50 ms | p95 ms |\n|---|---|---|---|---|\n| warm-up (100 requests) | ${mb(before)} | – | – | – |`);
  const step = 500;
  for (let done = 0; done < MEMORY_REQUESTS; ) {
    const n = Math.min(step, MEMORY_REQUESTS - done);
    const result = await loadOf(MEMORY_PATH, headers, { amount: n });
    done += n;
    console.log(`| ${done} requests | ${mb(rssOf(workerd.pid))} | ${result.statuses} | ${result.p50} | ${result.p95} |`);
  }
  const after = rssOf(workerd.pid);
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const settled = rssOf(workerd.pid);
  console.log(`machine: ${loadAtStart} at start, ${load()} at the end`);
  console.log(`\nRSS before ${mb(before)} MB, after ${MEMORY_REQUESTS} requests ${mb(after)} MB (${after >= before ? "+" : ""}${mb(after - before)} MB), 3 s later ${mb(settled)} MB`);
}

try {
  if (MEMORY) {
    await memoryRun();
  } else {
    const rows: Row[] = [];
    const anonymous = "";
    // The floor of this machine and this run: what the stack costs with no page work at all.
    const loginHtml = await (await fetch(`${base}/en/login`)).text();
    const css = [...loginHtml.matchAll(/href="(\/assets\/[^"]+\.css)"/g)].map((m) => m[1]!)[0];
    if (!css) throw new Error("no stylesheet linked from /en/login");
    rows.push(await measure("/health", "/health", "floor", anonymous));
    rows.push(await measure(css, css, "floor", anonymous));
    rows.push(await measure("login", "/en/login", "full", anonymous));
    rows.push(await measure("login", "/en/login", "fragment", anonymous));
    rows.push(await measure("maintenance", "/en/maintenance", "full", anonymous));
    rows.push(await measure("itsme / eID registration", "/en/identity/register", "full", anonymous));
    const cookie = await logInWithCode();
    for (const [page, path] of [
      ["home", "/en/home"],
      ["profile", "/en/profile"],
    ] as const) {
      rows.push(await measure(page, path, "full", cookie));
      rows.push(await measure(page, path, "fragment", cookie));
    }
    // Access with the scale data: 10,000 users on the postal account, 5,000 routers.
    const owner = await logInWithPassword(base, "DATATEAM", "Loket-Demo-2026");
    const db = createClient({ url: stack.db.url, authToken: stack.db.token });
    const someone = (await db.execute("SELECT id FROM users WHERE username = 'user05000'")).rows[0]!.id;
    db.close();
    for (const [page, path] of [
      ["my users", "/en/users"],
      ["my users, search", "/en/users?q=user04"],
      ["my users, page 200", "/en/users?page=200"],
      ["user rights", `/en/users/${someone}/rights`],
      ["user rights, e-MassPost", `/en/users/${someone}/rights/emasspost`],
      ["routers, search", "/en/routers?q=Routeur%2001"],
      ["history", "/en/history"],
    ] as const) {
      rows.push(await measure(page, path, "full", owner));
      rows.push(await measure(page, path, "fragment", owner));
    }
    // Documents with the scale data: 100,000 document rows on the head office 439561.
    const headOffice = await logInWithPassword(base, "apparthotels", "Loket-Demo-2026");
    for (const [page, path] of [
      ["documents (100,000 rows)", "/en/documents"],
      ["documents, credit notes", "/en/documents?tab=credit_note"],
      ["balance", "/en/balance"],
      ["collection calendar", "/en/calendar"],
      ["services (contracts)", "/en/services"],
      ["services, purchases", "/en/services/purchases"],
      ["services, order", "/en/services/order"],
      ["complaints", "/en/complaints"],
    ] as const) {
      rows.push(await measure(page, path, "full", headOffice));
      rows.push(await measure(page, path, "fragment", headOffice));
    }
    // Tickets with the scale data: 1,000 on the mobile customer, 100,000 threads overall.
    const fleetManager = await logInWithPassword(base, "margaux", "Loket-Demo-2026");
    for (const [page, path] of [
      ["tickets (1,000)", "/en/tickets"],
      ["new ticket", "/en/tickets/new"],
      ["fleet overview (10,000 lines)", "/en/fleet/lines"],
      ["fleet overview, search 0488", "/en/fleet/lines?q=0488"],
      ["fleet overview, sort by plan", "/en/fleet/lines?sort=plan"],
      ["fleet consumption (10,000 lines × 90 days)", "/en/fleet/usage"],
      ["fleet top lines by out-of-bundle", "/en/fleet/usage/top"],
      ["fleet contract: plans × options", "/en/fleet/contract"],
      ["fleet contract: group packs (10,000 lines)", "/en/fleet/contract?tab=packs"],
      ["fleet managers", "/en/fleet/managers"],
      ["new fleet manager, line search 0488 (10,000 lines)", "/en/fleet/managers/new?q=0488"],
    ] as const) {
      rows.push(await measure(page, path, "full", fleetManager));
      rows.push(await measure(page, path, "fragment", fleetManager));
    }
    const supervisor = demoStaff.find((s) => s.role === "supervisor")!;
    const staff = await logInToDesk(base, supervisor.username, "Loket-Demo-2026", () => totpCode(supervisor.totpSecret));
    for (const [page, path] of [
      ["desk: complaints queue", "/en/desk/complaints?status=new"],
      ["desk: tickets queue, older than 7 days", "/en/desk/tickets?status=new&age=7"],
      ["desk: orders queue", "/en/desk/orders?status=ordered"],
      ["desk: group packs queue", "/en/desk/packs"],
    ] as const) {
      rows.push(await measure(page, path, "full", staff));
      rows.push(await measure(page, path, "fragment", staff));
    }
    const rssAfterTable = rssOf(workerd.pid);
    const zip = await zipOfFifty(headOffice);
    const ubl = await ublTimings(headOffice, zip.ids);
    const bulk = await bulkOfThousand(fleetManager);
    const fleetXlsx = await fleetExport(fleetManager);
    const cron = await usageCron();

    const kb = (n: number) => (n / 1024).toFixed(1);
    const health = rows[0]!.p95;
    console.log(`\n${CONNECTIONS} connection(s) × ${DURATION_S} s per row, loopback, wrangler dev (workerd) + local libSQL in its own process, scale data set, Accept-Encoding: gzip`);
    console.log("p50/p95: exact, over every response of the row; ×health: the row's p95 / the p95 of /health in this run");
    console.log(`machine: ${loadAtStart} at start, ${load()} at the end\n`);
    console.log("| page | variant | status | HTML raw KB | HTML gzip KB | DB round trips | p50 ms | p95 ms | ×health | requests |");
    console.log("|---|---|---|---|---|---|---|---|---|---|");
    for (const r of rows) {
      const statusNote = r.statuses === `${r.status}: ${r.requests}` ? "" : ` (${r.statuses})`;
      console.log(
        `| ${r.page} | ${r.variant} | ${r.status} | ${kb(r.raw)} | ${kb(r.gzip)} | ${r.roundTrips ?? "–"} | ${r.p50} | ${r.p95} | ${(r.p95 / health).toFixed(1)} | ${r.requests}${statusNote} |`,
      );
    }
    // First visit: the login page plus every file it links (CSS, htmx), all gzip.
    const linked = [...loginHtml.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    const login = rows.find((r) => r.page === "login" && r.variant === "full")!;
    let firstVisit = login.gzip;
    for (const asset of linked) firstVisit += gzipSync(Buffer.from(await (await fetch(`${base}${asset}`)).arrayBuffer())).length;
    console.log(`\nfirst visit (login page + ${linked.join(" + ")}), gzip: ${kb(firstVisit)} KB (budget 50 KB)`);
    console.log(
      `ZIP of 50 PDFs: first download ${zip.firstMs} ms (renders the PDFs into R2), second ${zip.secondMs} ms (from R2), ${kb(zip.bytes)} KB, workerd RSS peak +${mb(zip.peakRssDelta)} MB over ${mb(zip.baseRss)} MB`,
    );
    console.log(
      `ZIP of the same 50 with PDF and e-invoice (UBL, PDF embedded) each: ${zip.bothMs} ms, ${kb(zip.bothBytes)} KB; UBL of one document (GET /documents/:id/ubl, PDF from R2): p50 ${ubl.p50} ms, p95 ${ubl.p95} ms over ${ubl.count}, largest ${kb(ubl.largest)} KB`,
    );
    console.log(
      `bulk change of ${bulk.lines} lines (plan → Mobile Europe, margaux): review ${bulk.reviewMs} ms, apply until done ${bulk.applyMs} ms; review page ${kb(bulk.reviewGzip)} KB gzip, ${bulk.reviewRoundTrips} DB round trip(s)`,
    );
    console.log(
      `fleet export (.xlsx of every line of 100457319, margaux): ${fleetXlsx.ms} ms, ${kb(fleetXlsx.bytes)} KB, workerd RSS peak +${mb(fleetXlsx.peakRssDelta)} MB over ${mb(fleetXlsx.baseRss)} MB`,
    );
    const u = usageScaleTimings;
    console.log(
      `fleet usage seed: ${u.usageDays.toLocaleString("en")} usage days (${u.lines.toLocaleString("en")} lines × 90 days) in ${u.seedMs} ms, earlier periods billed in ${u.billedMs} ms, ${u.callRecords.toLocaleString("en")} call details in ${u.callsMs} ms; rollUpUsage (the cron's rollup of the current period over the scale data) ${u.rollupMs} ms`,
    );
    console.log(`fleet usage cron through the libSQL server: rollUpUsage ${cron.rollup} ms, checkUsageAlerts ${cron.alerts} ms, purgeUsage ${cron.purge} ms`);
    console.log(`RSS of the app's workerd (pid ${workerd.pid}): ${mb(rssAtStart)} MB at start, ${mb(rssAfterTable)} MB after the table, ${mb(rssOf(workerd.pid))} MB after the ZIPs`);
    const pages = rows.filter((r) => r.variant !== "floor");
    const budgetsOk = pages.every((r) => r.roundTrips !== undefined && r.roundTrips <= 2 && r.gzip <= (r.variant === "full" ? 14 * 1024 : 4 * 1024));
    console.log(budgetsOk ? "\nall pages within the byte and round-trip budgets" : "\nBUDGET EXCEEDED (QUALITY.md: full ≤ 14 KB gzip, fragment ≤ 4 KB gzip, ≤ 2 round trips)");
    const slow = pages.filter((r) => r.p95 > 50 || r.p95 > 2 * health);
    console.log(
      slow.length === 0
        ? `all pages within p95 ≤ 50 ms and ≤ 2× /health (${health} ms)`
        : `p95 over budget (≤ 50 ms and ≤ 2× /health = ${ms(2 * health)} ms): ${slow.map((r) => `${r.page} ${r.variant} ${r.p95} ms`).join("; ")}`,
    );
    const errors = rows.filter((r) => r.statuses.split(", ").some((s) => !s.startsWith(String(r.status))));
    if (errors.length) console.log(`rows where the load saw another status than the first request: ${errors.map((r) => `${r.page} ${r.variant} (${r.statuses})`).join("; ")}`);
  }
} finally {
  await stack.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
