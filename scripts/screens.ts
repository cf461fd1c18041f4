// Screenshots of pages at 1280 and 375 px for a look (not a test): npm run screens -- user path...
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { startStack } from "./stack.ts";

const [user = "apparthotels", ...paths] = process.argv.slice(2);
const out = process.env.SCREENS_DIR ?? join(tmpdir(), "loket-screens");
mkdirSync(out, { recursive: true });
const dataDir = mkdtempSync(join(tmpdir(), "loket-screens-"));
const stack = await startStack({ dataDir, port: 8700 + Math.floor(Math.random() * 90), quiet: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  for (const width of [1280, 375]) {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: "en-BE", baseURL: stack.url });
    const page = await context.newPage();
    await page.goto("/en/login/password");
    await page.getByLabel("Username or e-mail address").fill(user);
    await page.getByLabel("Password", { exact: true }).fill("Loket-Demo-2026");
    await page.getByRole("button", { name: "Log in" }).click();
    await page.waitForURL((url) => !url.pathname.includes("/login"));
    if (page.url().includes("/terms/accept")) {
      await page.getByRole("checkbox").check();
      await page.getByRole("button").last().click();
    }
    for (const path of paths.length ? paths : ["/en/home"]) {
      await page.goto(path);
      const file = join(out, `${user}${path.replace(/[/?=&]/g, "_")}-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(file);
    }
    await context.close();
  }
} finally {
  await browser.close();
  await stack.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
