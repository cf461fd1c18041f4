// `npm run bench`: for each page, full document and htmx fragment, the HTML bytes (raw, gzip),
// the database round trips it costs (Hrana pipeline requests counted at the local server) and
// p50/p95 latency under a bounded load on loopback (autocannon). Runs on the scale data set.
import autocannon from "autocannon";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { createClient } from "@libsql/client/node";
import { startStack } from "../stack.ts";

const PORT = Number(process.env.BENCH_PORT ?? 8799);
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 4);

type Row = { page: string; variant: string; raw: number; gzip: number; roundTrips: number; p50: number; p95: number; status: number };

const dataDir = mkdtempSync(join(tmpdir(), "loket-bench-"));
console.log("starting the stack with the scale data set…");
const stack = await startStack({ dataDir, port: PORT, scale: true, quiet: true });
const base = stack.url;

function cookieHeader(setCookies: string[], jar: Map<string, string>) {
  for (const line of setCookies) {
    const [pair = ""] = line.split(";");
    const i = pair.indexOf("=");
    jar.set(pair.slice(0, i), pair.slice(i + 1));
  }
  return [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
}

async function logInWithPassword(identifier: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const page = await fetch(`${base}/en/login/password`);
  let cookie = cookieHeader(page.headers.getSetCookie(), jar);
  const csrf = (await page.text()).match(/name="_csrf" value="([^"]+)"/)![1]!;
  const post = (path: string, form: Record<string, string>) =>
    fetch(`${base}${path}`, { method: "POST", redirect: "manual", headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded", Origin: base }, body: new URLSearchParams({ _csrf: csrf, ...form }) });
  const login = await post("/en/login/password", { identifier, password });
  if (login.status !== 303) throw new Error(`password login failed: ${login.status}`);
  cookie = cookieHeader(login.headers.getSetCookie(), jar);
  // The postal account has not accepted the terms yet in a fresh database: accept them once.
  const gate = await fetch(`${base}/en/home`, { headers: { Cookie: cookie }, redirect: "manual" });
  if ((gate.headers.get("Location") ?? "").endsWith("/terms/accept")) {
    const terms = await (await fetch(`${base}/en/terms/accept`, { headers: { Cookie: cookie } })).text();
    const version = terms.match(/name="version" value="(\d+)"/)![1]!;
    const accepted = await post("/en/terms/accept", { version, accept: "on" });
    cookie = cookieHeader(accepted.headers.getSetCookie(), jar);
  }
  return cookie;
}

async function logIn(): Promise<string> {
  const jar = new Map<string, string>();
  const page = await fetch(`${base}/en/login`);
  let cookie = cookieHeader(page.headers.getSetCookie(), jar);
  const csrf = (await page.text()).match(/name="_csrf" value="([^"]+)"/)![1]!;
  const post = (path: string, form: Record<string, string>) =>
    fetch(`${base}${path}`, { method: "POST", redirect: "manual", headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded", Origin: base }, body: new URLSearchParams({ _csrf: csrf, ...form }) });
  await post("/en/login/code", { customerNumber: "439561", channel: "email" });
  const outbox = (await (await fetch(`${base}/dev/outbox`, { headers: { Accept: "application/json" } })).json()) as { messages: { recipient: string; body: string }[] };
  const code = outbox.messages.find((m) => m.recipient === "info@apparthotels.com")!.body.match(/ ([A-Za-z0-9]{6})\. /)![1]!;
  const login = await post("/en/login", { contractNumber: "5422", customerNumber: "439561", code, acceptTerms: "on" });
  if (login.status !== 303) throw new Error(`login failed: ${login.status}`);
  cookie = cookieHeader(login.headers.getSetCookie(), jar);
  return cookie;
}

async function measure(page: string, path: string, variant: "full" | "fragment", cookie: string): Promise<Row> {
  const headers: Record<string, string> = { Cookie: cookie, "Accept-Language": "en" };
  if (variant === "fragment") Object.assign(headers, { "HX-Request": "true", "HX-Request-Type": "partial" });
  // Warm the isolate (and the terms cache) so the count is what a steady request costs.
  await fetch(`${base}${path}`, { headers });
  stack.db.resetStats();
  const response = await fetch(`${base}${path}`, { headers });
  const body = Buffer.from(await response.arrayBuffer());
  // Round trips are counted once the response is complete (after waitUntil work is not part of a page).
  const roundTrips = stack.db.stats().pipelineRequests;
  const result = await autocannon({ url: `${base}${path}`, headers, connections: CONNECTIONS, duration: DURATION_S });
  return {
    page,
    variant,
    raw: body.length,
    gzip: gzipSync(body).length,
    roundTrips,
    p50: result.latency.p50,
    p95: result.latency.p97_5 !== undefined ? percentile95(result) : result.latency.p90,
    status: response.status,
  };
}

// autocannon reports p90, p97.5 and p99, not p95: interpolate between p90 and p97.5.
function percentile95(result: autocannon.Result) {
  const { p90, p97_5 } = result.latency;
  return Math.round((p90 + ((p97_5 - p90) * 5) / 7.5) * 10) / 10;
}

/** Resident memory of the workerd processes wrangler started (Linux /proc), in bytes. */
function workerdRss(): number {
  let total = 0;
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("workerd")) continue;
      const match = readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+) kB/);
      if (match) total += Number(match[1]) * 1024;
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

/** Selects 50 invoices of the head office and downloads them as one ZIP, twice, sampling workerd's memory. */
async function zipOfFifty(cookie: string) {
  const db = createClient({ url: stack.db.url });
  const ids = (await db.execute("SELECT d.id FROM documents d JOIN customers c ON c.id = d.customer_id WHERE c.customer_number = '439561' AND d.kind = 'invoice' ORDER BY d.document_date DESC, d.id DESC LIMIT 50")).rows.map((r) => String(r.id));
  db.close();
  const page = await (await fetch(`${base}/en/documents`, { headers: { Cookie: cookie } })).text();
  const csrf = page.match(/name="_csrf" value="([^"]+)"/)![1]!;
  const form = new URLSearchParams({ _csrf: csrf });
  for (const id of ids) {
    form.append("shown", id);
    form.append("selected", id);
  }
  await fetch(`${base}/en/documents/selection`, { method: "POST", redirect: "manual", headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded", Origin: base }, body: form });
  const baseRss = workerdRss();
  let peak = baseRss;
  const sampler = setInterval(() => (peak = Math.max(peak, workerdRss())), 20);
  const download = async () => {
    const started = performance.now();
    const response = await fetch(`${base}/en/documents/selection.zip`, { headers: { Cookie: cookie } });
    const bytes = (await response.arrayBuffer()).byteLength;
    if (response.status !== 200) throw new Error(`ZIP answered ${response.status}`);
    return { ms: Math.round(performance.now() - started), bytes };
  };
  const first = await download();
  const second = await download();
  clearInterval(sampler);
  return { firstMs: first.ms, secondMs: second.ms, bytes: second.bytes, baseRss, peakRssDelta: peak - baseRss };
}

try {
  const rows: Row[] = [];
  const anonymous = "";
  rows.push(await measure("login", "/en/login", "full", anonymous));
  rows.push(await measure("login", "/en/login", "fragment", anonymous));
  const cookie = await logIn();
  for (const [page, path] of [["home", "/en/home"], ["profile", "/en/profile"]] as const) {
    rows.push(await measure(page, path, "full", cookie));
    rows.push(await measure(page, path, "fragment", cookie));
  }
  // Access with the scale data: 10,000 users on the postal account, 5,000 routers.
  const owner = await logInWithPassword("DATATEAM", "Loket-Demo-2026");
  const db = createClient({ url: stack.db.url });
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
  const headOffice = await logInWithPassword("apparthotels", "Loket-Demo-2026");
  for (const [page, path] of [
    ["documents (100,000 rows)", "/en/documents"],
    ["documents, credit notes", "/en/documents?tab=credit_note"],
    ["balance", "/en/balance"],
    ["collection calendar", "/en/calendar"],
  ] as const) {
    rows.push(await measure(page, path, "full", headOffice));
    rows.push(await measure(page, path, "fragment", headOffice));
  }
  const zip = await zipOfFifty(headOffice);

  const kb = (n: number) => (n / 1024).toFixed(1);
  console.log(`\n${CONNECTIONS} connections × ${DURATION_S} s per row, loopback, wrangler dev (workerd) + local libSQL, scale data set\n`);
  console.log("| page | variant | status | HTML raw KB | HTML gzip KB | DB round trips | p50 ms | p95 ms |");
  console.log("|---|---|---|---|---|---|---|---|");
  for (const r of rows) console.log(`| ${r.page} | ${r.variant} | ${r.status} | ${kb(r.raw)} | ${kb(r.gzip)} | ${r.roundTrips} | ${r.p50} | ${r.p95} |`);
  // First visit: the login page plus every file it links (CSS, htmx), all gzip.
  const loginHtml = await (await fetch(`${base}/en/login`)).text();
  const linked = [...loginHtml.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
  let firstVisit = rows[0]!.gzip;
  for (const asset of linked) {
    const body = Buffer.from(await (await fetch(`${base}${asset}`)).arrayBuffer());
    console.log(`| ${asset} | static | 200 | ${kb(body.length)} | ${kb(gzipSync(body).length)} | – | – | – |`);
    firstVisit += gzipSync(body).length;
  }
  console.log(`\nfirst visit (login page + CSS + JS), gzip: ${kb(firstVisit)} KB (budget 50 KB)`);
  console.log(`ZIP of 50 PDFs: first download ${zip.firstMs} ms (renders the PDFs into R2), second ${zip.secondMs} ms (from R2), ${kb(zip.bytes)} KB, workerd RSS peak +${(zip.peakRssDelta / 1024 / 1024).toFixed(1)} MB over ${(zip.baseRss / 1024 / 1024).toFixed(0)} MB`);
  const budgetsOk = rows.every((r) => r.roundTrips <= 2 && r.gzip <= (r.variant === "full" ? 14 * 1024 : 4 * 1024));
  console.log(budgetsOk ? "\nall pages within the byte and round-trip budgets" : "\nBUDGET EXCEEDED (QUALITY.md: full ≤ 14 KB gzip, fragment ≤ 4 KB gzip, ≤ 2 round trips)");
} finally {
  await stack.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
