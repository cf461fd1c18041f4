import { SELF } from "cloudflare:test";

/**
 * A small cookie-keeping client over SELF.fetch: it sends forms as a browser does (with the CSRF
 * token from the page it was given) and follows nothing on its own, so tests see each answer.
 */
export class TestBrowser {
  cookies = new Map<string, string>();
  lastHtml = "";
  constructor(
    public ip = `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
    public language = "en",
  ) {}

  private headers(extra: Record<string, string> = {}) {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    return { "CF-Connecting-IP": this.ip, "Accept-Language": this.language, ...(cookie ? { Cookie: cookie } : {}), ...extra };
  }

  private keep(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair = "", ...attrs] = line.split(";");
      const index = pair.indexOf("=");
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      const expired = attrs.some((a) => /max-age=0/i.test(a) || /expires=thu, 01 jan 1970/i.test(a));
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async get(path: string, headers: Record<string, string> = {}) {
    const response = await SELF.fetch(`https://loket.test${path}`, { headers: this.headers(headers), redirect: "manual" });
    this.keep(response);
    const text = await response.text();
    if ((response.headers.get("Content-Type") ?? "").includes("html")) this.lastHtml = text;
    return { response, status: response.status, text, location: response.headers.get("Location") };
  }

  /** The token a real form would carry: taken from the last page, as a browser does. */
  csrfToken() {
    const match = this.lastHtml.match(/name="_csrf" value="([^"]+)"/);
    return match?.[1] ?? this.cookies.get("__Host-loket_csrf") ?? "";
  }

  async post(path: string, form: Record<string, string>, headers: Record<string, string> = {}, withToken = true) {
    // The code message is queued after the answer: latestCode waits for one newer than this.
    if (path.endsWith("/login/code")) codeRequestMark = (await outbox())[0]?.id ?? 0;
    const body = new URLSearchParams(withToken ? { _csrf: this.csrfToken(), ...form } : form);
    const response = await SELF.fetch(`https://loket.test${path}`, {
      method: "POST",
      body,
      headers: this.headers({ "Content-Type": "application/x-www-form-urlencoded", Origin: "https://loket.test", ...headers }),
      redirect: "manual",
    });
    this.keep(response);
    const text = await response.text();
    if ((response.headers.get("Content-Type") ?? "").includes("html")) this.lastHtml = text;
    return { response, status: response.status, text, location: response.headers.get("Location") };
  }
}

export type OutboxMessage = { id: number; channel: string; recipient: string; subject: string; body: string; status: string };

export async function outbox(): Promise<OutboxMessage[]> {
  const response = await SELF.fetch("https://loket.test/dev/outbox", { headers: { Accept: "application/json" } });
  return ((await response.json()) as { messages: OutboxMessage[] }).messages;
}

let codeRequestMark = 0;

/** Polls the outbox until a message matches (work done after a response takes a moment). */
export async function waitForOutbox(match: (messages: OutboxMessage[]) => boolean, timeoutMs = 3000): Promise<OutboxMessage[]> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const messages = await outbox();
    if (match(messages) || Date.now() > until) return messages;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * The code in the newest message to a recipient, as a person would read it: the message of the
 * last code request once it has arrived, else (none was sent) the newest one there is.
 */
export async function latestCode(recipient: string): Promise<string | undefined> {
  const mark = codeRequestMark;
  const messages = await waitForOutbox((all) => all.some((m) => m.recipient === recipient && m.id > mark));
  const message = messages.find((m) => m.recipient === recipient);
  return message?.body.match(/ ([A-Za-z0-9]{6})\. /)?.[1];
}

/** Test accounts seeded by test/setup: customer 700000+n, contract 800000+n. */
export function testAccount(n: number) {
  return { customerNumber: String(700000 + n), contractNumber: String(800000 + n), email: `klant${n}@test.example`, phone: `+3247000${String(n).padStart(4, "0")}` };
}

/** Requests a code by e-mail and logs in; returns the browser holding the session. */
export async function loggedIn(n: number, language = "en") {
  const browser = new TestBrowser(undefined, language);
  const account = testAccount(n);
  await browser.get(`/${language}/login`);
  await browser.post(`/${language}/login/code`, { customerNumber: account.customerNumber, channel: "email" });
  const code = await latestCode(account.email);
  const result = await browser.post(`/${language}/login`, { contractNumber: account.contractNumber, customerNumber: account.customerNumber, code: code ?? "", acceptTerms: "on" });
  if (result.status !== 303) throw new Error(`login failed: ${result.status}`);
  return { browser, account };
}

/** The demo users' password (README, scripts/seed-access.ts). */
export const DEMO_PASSWORD = "Loket-Demo-2026";

/** Logs a named user in with username (or e-mail) and password; returns the browser holding the session. */
export async function loggedInAs(identifier: string, password = DEMO_PASSWORD, language = "en") {
  const browser = new TestBrowser(undefined, language);
  await browser.get(`/${language}/login/password`);
  const result = await browser.post(`/${language}/login/password`, { identifier, password });
  if (result.status !== 303) throw new Error(`password login of ${identifier} failed: ${result.status}`);
  // Accept the terms for the account if the gate asks for them.
  const home = await browser.get(`/${language}/home`);
  if (home.location?.endsWith("/terms/accept")) {
    const page = await browser.get(`/${language}/terms/accept`);
    const version = page.text.match(/name="version" value="(\d+)"/)?.[1] ?? "";
    await browser.post(`/${language}/terms/accept`, { version, accept: "on" });
  }
  return browser;
}
