// What the bench and the burst script share: a cookie jar, the CSRF token of a form, logins.

export class CookieJar {
  #cookies = new Map<string, string>();
  /** Takes the Set-Cookie lines of a response; returns the Cookie header to send next. */
  take(response: Response): string {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const i = pair.indexOf("=");
      const name = pair.slice(0, i);
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.#cookies.delete(name);
      else this.#cookies.set(name, pair.slice(i + 1));
    }
    return this.header;
  }
  get header(): string {
    return [...this.#cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

/** The hidden `_csrf` field of the first form in a page. */
export function csrfOf(html: string): string {
  const match = html.match(/name="_csrf" value="([^"]+)"/);
  if (!match) throw new Error("no _csrf field in the page");
  return match[1]!;
}

export function postForm(base: string, path: string, cookie: string, form: Record<string, string> | URLSearchParams, extraHeaders: Record<string, string> = {}): Promise<Response> {
  return fetch(`${base}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded", Origin: base, "Accept-Encoding": "gzip", ...extraHeaders },
    body: form instanceof URLSearchParams ? form : new URLSearchParams(form),
  });
}

export class LoginError extends Error {
  status: number;
  retryAfter: string | null;
  constructor(message: string, status: number, retryAfter: string | null) {
    super(message);
    this.status = status;
    this.retryAfter = retryAfter;
  }
}

/**
 * Logs a named user in with the password form and accepts the terms if the account has not yet.
 * Returns the Cookie header of the session. `headers` go with every request (e.g. the client's address).
 */
export async function logInWithPassword(base: string, identifier: string, password: string, headers: Record<string, string> = {}): Promise<string> {
  const jar = new CookieJar();
  const page = await fetch(`${base}/en/login/password`, { headers: { "Accept-Encoding": "gzip", ...headers } });
  let cookie = jar.take(page);
  const csrf = csrfOf(await page.text());
  const login = await postForm(base, "/en/login/password", cookie, { _csrf: csrf, identifier, password }, headers);
  if (login.status !== 303) throw new LoginError(`password login of ${identifier} answered ${login.status}`, login.status, login.headers.get("Retry-After"));
  await login.arrayBuffer();
  cookie = jar.take(login);
  const gate = await fetch(`${base}/en/home`, { headers: { Cookie: cookie, "Accept-Encoding": "gzip", ...headers }, redirect: "manual" });
  await gate.arrayBuffer();
  if ((gate.headers.get("Location") ?? "").endsWith("/terms/accept")) {
    const terms = await (await fetch(`${base}/en/terms/accept`, { headers: { Cookie: cookie, ...headers } })).text();
    const version = terms.match(/name="version" value="(\d+)"/)![1]!;
    const accepted = await postForm(base, "/en/terms/accept", cookie, { _csrf: csrfOf(terms), version, accept: "on" }, headers);
    await accepted.arrayBuffer();
    cookie = jar.take(accepted);
  }
  return cookie;
}

/**
 * Logs a staff member into the provider desk: password, then the current TOTP code computed from
 * the demo secret. Returns the Cookie header of the desk session.
 */
export async function logInToDesk(base: string, username: string, password: string, code: () => string): Promise<string> {
  const jar = new CookieJar();
  const page = await fetch(`${base}/en/desk/login`);
  let cookie = jar.take(page);
  const csrf = csrfOf(await page.text());
  const first = await postForm(base, "/en/desk/login", cookie, { _csrf: csrf, username, password });
  if (first.status !== 303) throw new LoginError(`desk login of ${username} answered ${first.status}`, first.status, first.headers.get("Retry-After"));
  await first.arrayBuffer();
  cookie = jar.take(first);
  const codePage = await fetch(`${base}/en/desk/login/code`, { headers: { Cookie: cookie } });
  cookie = jar.take(codePage);
  const html = await codePage.text();
  const desk = html.match(/name="_desk" value="([^"]+)"/)?.[1] ?? "";
  const second = await postForm(base, "/en/desk/login/code", cookie, { _csrf: csrfOf(html), _desk: desk, code: code() });
  if (second.status !== 303) throw new LoginError(`desk code of ${username} answered ${second.status}`, second.status, second.headers.get("Retry-After"));
  await second.arrayBuffer();
  return jar.take(second);
}
