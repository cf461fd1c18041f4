// First paint of the cold login page on "Slow 3G" (400 ms RTT, 400 kbit/s each way), in Debian's
// Chromium through the DevTools protocol, every run in a fresh context (nothing cached).
// Usage: npm run bench:slow3g [-- --runs 7]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { startStack } from "../stack.ts";

const runs = Number(process.argv[process.argv.indexOf("--runs") + 1]) || 7;
const dataDir = mkdtempSync(join(tmpdir(), "loket-slow3g-"));
const stack = await startStack({ dataDir, port: 8800 + Math.floor(Math.random() * 100), quiet: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
try {
  const paints: number[] = [];
  const loads: number[] = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ locale: "en-BE" });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 400, downloadThroughput: 50_000, uploadThroughput: 50_000 });
    await page.goto(`${stack.url}/en/login`, { waitUntil: "load" });
    const timing = await page.evaluate(() => {
      const paint = performance.getEntriesByName("first-contentful-paint")[0];
      const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
      return { fcp: paint ? paint.startTime : -1, load: nav.loadEventEnd };
    });
    paints.push(Math.round(timing.fcp));
    loads.push(Math.round(timing.load));
    await context.close();
  }
  console.log(`cold /en/login on Slow 3G (400 ms, 400 kbit/s), ${runs} runs`);
  console.log(`first contentful paint: median ${median(paints)} ms (${paints.join(", ")})`);
  console.log(`load event:             median ${median(loads)} ms (${loads.join(", ")})`);
} finally {
  await browser.close();
  await stack.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
