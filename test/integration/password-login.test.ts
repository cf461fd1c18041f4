import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD, loggedInAs, TestBrowser } from "./browser.ts";

describe("password login (named users)", () => {
  it("logs in by username or e-mail and shows the account", async () => {
    const byName = await loggedInAs("DATATEAM");
    const home = await byName.get("/en/home");
    expect(home.status).toBe(200);
    expect(home.text).toContain("DE POST - SALES &amp; MARKETING");
    expect(home.text).toContain('href="/en/users"');
    const byEmail = await loggedInAs("xavier.querriau@post.example.be");
    expect((await byEmail.get("/en/home")).status).toBe(200);
  });

  it("refuses a wrong password, an unknown user and an invited user with the same message", async () => {
    const browser = new TestBrowser();
    await browser.get("/en/login/password");
    const answers = [
      await browser.post("/en/login/password", { identifier: "DATATEAM", password: "Wrong-Password-1" }),
      await browser.post("/en/login/password", { identifier: "nobody-here", password: DEMO_PASSWORD }),
      await browser.post("/en/login/password", { identifier: "malina", password: DEMO_PASSWORD }),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(422);
      expect(answer.text).toContain("This username or password is not right");
    }
    expect(browser.cookies.has("__Host-loket_session")).toBe(false);
  });

  it("a Portal User does not see My users and cannot open it", async () => {
    const browser = await loggedInAs("B2B");
    const home = await browser.get("/en/home");
    expect(home.text).not.toContain('href="/en/users"');
  });
});
