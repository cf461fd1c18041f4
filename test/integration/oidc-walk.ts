// Walks the local OpenID provider (scripts/oidc-provider/server.ts) the way a browser would, from
// inside workerd: only fetch, manual redirects and a small cookie jar (name, value, path). Returns
// the URL the provider sends the browser back to — the Worker's /oidc/callback with code and state.
import { inject } from "vitest";

type Cookie = { name: string; value: string; path: string };

class CookieJar {
  #cookies: Cookie[] = [];

  store(response: Response, url: URL) {
    const headers = response.headers as Headers & { getSetCookie?: () => string[]; getAll?: (name: string) => string[] };
    const lines = headers.getSetCookie?.() ?? headers.getAll?.("set-cookie") ?? [];
    for (const line of lines) {
      const [pair = "", ...attributes] = line.split(";").map((part) => part.trim());
      const eq = pair.indexOf("=");
      if (eq <= 0) continue;
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      let path = url.pathname.replace(/\/[^/]*$/, "") || "/";
      let expired = value === "";
      for (const attribute of attributes) {
        const [key = "", val = ""] = attribute.split("=");
        const lower = key.toLowerCase();
        if (lower === "path" && val.startsWith("/")) path = val;
        if (lower === "max-age" && Number(val) <= 0) expired = true;
        if (lower === "expires" && Date.parse(val) <= Date.now()) expired = true;
      }
      this.#cookies = this.#cookies.filter((c) => !(c.name === name && c.path === path));
      if (!expired) this.#cookies.push({ name, value, path });
    }
  }

  header(url: URL): string | undefined {
    const matching = this.#cookies.filter((c) => url.pathname === c.path || url.pathname.startsWith(c.path.endsWith("/") ? c.path : `${c.path}/`));
    // Longer paths first, as browsers send them.
    matching.sort((a, b) => b.path.length - a.path.length);
    return matching.length ? matching.map((c) => `${c.name}=${c.value}`).join("; ") : undefined;
  }
}

async function request(jar: CookieJar, url: URL, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  const cookie = jar.header(url);
  if (cookie) headers.set("cookie", cookie);
  const response = await fetch(url, { ...init, headers, redirect: "manual" });
  jar.store(response, url);
  return response;
}

/** The form on the provider's person page: its action and the national numbers it offers. */
function loginForm(html: string) {
  const action = /<form[^>]*\baction="([^"]+)"/.exec(html)?.[1];
  const numbers = [...html.matchAll(/name="nationalNumber" value="(\d{11})"/g)].map((m) => m[1]);
  return action ? { action: action.replaceAll("&amp;", "&"), numbers } : undefined;
}

async function walk(authorizationUrl: string, choose: (form: { action: string; numbers: (string | undefined)[] }) => URLSearchParams) {
  const jar = new CookieJar();
  const start = new URL(authorizationUrl);
  let url = start;
  let init: RequestInit = {};
  let submitted = false;
  for (let step = 0; step < 12; step++) {
    const response = await request(jar, url, init);
    init = {};
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      const next = new URL(location, url);
      // Off the provider: back to the relying party's redirect_uri.
      if (next.origin !== start.origin) return next.toString();
      url = next;
      continue;
    }
    const body = await response.text();
    const form = response.status === 200 && !submitted ? loginForm(body) : undefined;
    if (!form) throw new Error(`the provider answered ${response.status} at ${url.pathname}: ${body.replace(/<[^>]+>/g, " ").slice(0, 300)}`);
    submitted = true;
    url = new URL(form.action, url);
    init = { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: choose(form).toString() };
  }
  throw new Error("too many steps at the provider");
}

/** Picks the test person with this national number on the provider's page; returns the callback URL. */
export function walkProvider(authorizationUrl: string, nationalNumber: string): Promise<string> {
  return walk(authorizationUrl, (form) => {
    if (!form.numbers.includes(nationalNumber)) throw new Error(`${nationalNumber} is not a test person of the provider`);
    return new URLSearchParams({ nationalNumber, action: "continue" });
  });
}

/** Presses Cancel on the provider's page; returns the callback URL (error=access_denied). */
export function cancelAtProvider(authorizationUrl: string): Promise<string> {
  return walk(authorizationUrl, () => new URLSearchParams({ action: "cancel" }));
}

export type FaultKind = "other-key" | "expired" | "wrong-audience" | "wrong-nonce" | "wrong-issuer";

/** The provider's next token response carries an ID token tampered this way. */
export async function injectFault(provider: "itsme" | "eid", kind: FaultKind): Promise<void> {
  const response = await fetch(`${inject("oidcUrl")}/_test/fault`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ provider, kind }),
  });
  await response.body?.cancel();
  if (response.status !== 204) throw new Error(`injectFault answered ${response.status}`);
}
