// The local OpenID providers for development and tests: "itsme" and "eid" (the federal eID login,
// FAS) as two oidc-provider issuers behind one node:http server on 127.0.0.1 — ${url}/itsme and
// ${url}/eid. Same protocol and claim names as the real ones, so only the Worker's OIDC_* vars
// differ. Their login page lists the test persons (persons.ts); consent is granted without a page;
// every authorization asks for a person again, as itsme does. Keys are made fresh on each start.
// POST ${url}/_test/fault tampers with the next ID token of a provider (test/dev server only).
import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair, type JWK, type JWTPayload, SignJWT } from "jose";
import Provider, { interactionPolicy, type KoaContextWithOIDC } from "oidc-provider";
import { formatNrn, TEST_PERSONS, type TestPerson, testPerson } from "./persons.ts";

export type ProviderName = "itsme" | "eid";
export const PROVIDER_NAMES: readonly ProviderName[] = ["itsme", "eid"];
export const FAULT_KINDS = ["other-key", "expired", "wrong-audience", "wrong-nonce", "wrong-issuer"] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** What the real providers use: scope and the claim holding the national register number. */
export const PROVIDER_SPECS = {
  itsme: {
    title: "itsme",
    clientId: "loket-itsme",
    nrnScope: "http://itsme.services/v2/claim/BENationalNumber",
    nrnClaim: "http://itsme.services/v2/claim/BENationalNumber",
    scope: "openid profile http://itsme.services/v2/claim/BENationalNumber",
    idTokenAlg: "ES256",
  },
  eid: {
    title: "eID card (FAS)",
    clientId: "loket-eid",
    nrnScope: "egovnrn",
    nrnClaim: "egovNRN",
    scope: "openid profile egovnrn",
    idTokenAlg: "RS256",
  },
} as const;

export type OidcProviders = {
  /** http://127.0.0.1:<port> */
  url: string;
  itsme: { issuer: string; clientId: string; scope: string; nrnClaim: string; privateJwk: JWK };
  eid: { issuer: string; clientId: string; scope: string; nrnClaim: string; clientSecret: string };
  /** The OIDC_* vars for the Worker (src/lib/env.ts). */
  vars(): Record<string, string>;
  close(): Promise<void>;
};

/** The subject a provider gives a person: opaque and stable, different per provider (like the real ones). */
export function subjectOf(provider: ProviderName, nationalNumber: string): string {
  return createHash("sha256").update(`${provider}:${nationalNumber}`).digest("hex").slice(0, 32);
}

type Instance = {
  name: ProviderName;
  prefix: string;
  issuer: string;
  provider: Provider;
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  alg: string;
  kid: string;
  signingKey: CryptoKey;
};

async function signingKeyPair(alg: string) {
  const pair = await generateKeyPair(alg, { extractable: true });
  const kid = randomBytes(8).toString("hex");
  const jwk = { ...(await exportJWK(pair.privateKey)), kid, alg, use: "sig" };
  return { privateKey: pair.privateKey, jwk, kid };
}

/** A fresh login on every authorization request: the person is asked each time (no provider SSO). */
function policy() {
  const prompts = interactionPolicy.base();
  prompts
    .get("login")
    ?.checks.add(
      new interactionPolicy.Check("fresh_login", "the person identifies on every request", "login_required", (ctx) =>
        ctx.oidc.result?.login ? interactionPolicy.Check.NO_NEED_TO_PROMPT : interactionPolicy.Check.REQUEST_PROMPT,
      ),
    );
  return prompts;
}

/** Consent without a page: Loket is the provider's own client, it gets what it asks for. */
async function loadGrant(ctx: KoaContextWithOIDC) {
  const { oidc } = ctx;
  const clientId = oidc.client?.clientId;
  const accountId = oidc.session?.accountId;
  if (!clientId || !accountId) return undefined;
  const grantId = oidc.result?.consent?.grantId ?? oidc.session?.grantIdFor(clientId);
  let grant = grantId ? await ctx.oidc.provider.Grant.find(grantId) : undefined;
  if (!grant || grant.accountId !== accountId) grant = new ctx.oidc.provider.Grant({ accountId, clientId });
  grant.addOIDCScope([...oidc.requestParamOIDCScopes].join(" "));
  if (oidc.requestParamClaims.size) grant.addOIDCClaims([...oidc.requestParamClaims]);
  await grant.save();
  return grant;
}

async function tamper(idToken: string, kind: FaultKind, instance: Instance): Promise<string> {
  const header = decodeProtectedHeader(idToken);
  const claims: JWTPayload = { ...decodeJwt(idToken) };
  const now = Math.floor(Date.now() / 1000);
  let key = instance.signingKey;
  switch (kind) {
    case "expired":
      claims.iat = now - 1200;
      claims.exp = now - 600;
      break;
    case "wrong-audience":
      claims.aud = "someone-else";
      break;
    case "wrong-nonce":
      claims.nonce = "wrong";
      break;
    case "wrong-issuer":
      claims.iss = "https://evil.example";
      break;
    case "other-key":
      key = (await generateKeyPair(instance.alg)).privateKey;
      break;
  }
  return new SignJWT(claims).setProtectedHeader({ ...header, alg: instance.alg, kid: instance.kid }).sign(key);
}

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch] ?? ch);

const STYLE =
  "body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f4f4f6;color:#1a1a1a}main{max-width:34rem;margin:2rem auto;background:#fff;padding:1.5rem;border-radius:8px}" +
  "fieldset{border:1px solid #999;border-radius:6px;margin:1rem 0}div{margin:.4rem 0}button{font:inherit;padding:.5rem 1rem;margin-right:.5rem}" +
  ".error{color:#a00000;font-weight:600}code{font-size:.9em}";

function page(title: string, body: string) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

function loginPage(instance: Instance, uid: string, clientId: string, options: { error?: string; selected?: string } = {}) {
  const spec = PROVIDER_SPECS[instance.name];
  const radios = TEST_PERSONS.map((person: TestPerson) => {
    const id = `person-${person.nationalNumber}`;
    const checked = options.selected === person.nationalNumber ? " checked" : "";
    return `<div><input type="radio" id="${id}" name="nationalNumber" value="${person.nationalNumber}" required${checked}> <label for="${id}">${escapeHtml(`${person.firstName} ${person.lastName}`)} (${formatNrn(person.nationalNumber)})</label></div>`;
  }).join("");
  const error = options.error ? `<p id="person-error" class="error">${escapeHtml(options.error)}</p>` : "";
  const described = options.error ? ' aria-describedby="person-error"' : "";
  return page(
    `${spec.title} — local test provider`,
    `<h1>Identify with ${escapeHtml(spec.title)}</h1><p>Local test provider for development. <code>${escapeHtml(clientId)}</code> asks for your name and national register number: choose a test person.</p>` +
      `<form method="post" action="${instance.prefix}/interaction/${escapeHtml(uid)}">${error}<fieldset${described}><legend>Test person</legend>${radios}</fieldset>` +
      `<button type="submit" name="action" value="continue">Continue</button><button type="submit" name="action" value="cancel" formnovalidate>Cancel</button></form>`,
  );
}

function send(res: ServerResponse, status: number, body: string, type = "text/html; charset=utf-8") {
  res.writeHead(status, { "content-type": type, "cache-control": "no-store", "content-length": Buffer.byteLength(body) });
  res.end(body);
}

async function readBody(req: IncomingMessage, limit = 64 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error("body too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

async function interaction(instance: Instance, uid: string, req: IncomingMessage, res: ServerResponse) {
  let details: Awaited<ReturnType<Provider["interactionDetails"]>>;
  try {
    details = await instance.provider.interactionDetails(req, res);
  } catch {
    return send(res, 400, page("Session expired", "<h1>This sign-in has expired</h1><p>Go back to Loket and start again.</p>"));
  }
  if (details.uid !== uid) return send(res, 400, page("Wrong sign-in", "<h1>This is not the current sign-in</h1><p>Go back to Loket and start again.</p>"));
  const clientId = String(details.params.client_id ?? "");
  if (req.method === "GET") return send(res, 200, loginPage(instance, uid, clientId));
  if (req.method !== "POST") return send(res, 405, page("Method not allowed", "<h1>Method not allowed</h1>"));
  const form = new URLSearchParams(await readBody(req));
  if (form.get("action") === "cancel") {
    return instance.provider.interactionFinished(req, res, { error: "access_denied", error_description: "The person cancelled the sign-in" }, { mergeWithLastSubmission: false });
  }
  const person = testPerson(form.get("nationalNumber") ?? "");
  if (!person) return send(res, 422, loginPage(instance, uid, clientId, { error: "Choose a test person." }));
  return instance.provider.interactionFinished(req, res, { login: { accountId: subjectOf(instance.name, person.nationalNumber) } }, { mergeWithLastSubmission: false });
}

export async function startOidcProviders(options: { port?: number; redirectUris: string[]; quiet?: boolean }): Promise<OidcProviders> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const log = (message: string) => {
    if (!options.quiet) console.log(`[oidc] ${message}`);
  };

  const clientKey = await signingKeyPair("ES256");
  const { d: _d, ...clientPublicJwk } = clientKey.jwk;
  const clientSecret = randomBytes(24).toString("base64url");
  const faults = new Map<ProviderName, FaultKind>();
  const subjects = new Map(PROVIDER_NAMES.flatMap((name) => TEST_PERSONS.map((person) => [subjectOf(name, person.nationalNumber), person] as const)));

  const instances = new Map<ProviderName, Instance>();
  for (const name of PROVIDER_NAMES) {
    const spec = PROVIDER_SPECS[name];
    const prefix = `/${name}`;
    const issuer = `${url}${prefix}`;
    const signing = await signingKeyPair(spec.idTokenAlg);
    const common = {
      client_id: spec.clientId,
      redirect_uris: options.redirectUris,
      response_types: ["code"],
      grant_types: ["authorization_code"],
      id_token_signed_response_alg: spec.idTokenAlg,
    };
    const client =
      name === "itsme"
        ? { ...common, token_endpoint_auth_method: "private_key_jwt", token_endpoint_auth_signing_alg: "ES256", jwks: { keys: [clientPublicJwk] } }
        : { ...common, token_endpoint_auth_method: "client_secret_basic", client_secret: clientSecret };
    // Its warning about the in-memory store is right and expected here: keep the test output clean.
    const warn = console.warn;
    if (options.quiet) console.warn = (...args: unknown[]) => void (String(args[0]).includes("oidc-provider WARNING") || warn(...args));
    const provider = new Provider(issuer, {
      clients: [client],
      jwks: { keys: [signing.jwk] },
      scopes: ["openid", "profile", spec.nrnScope],
      claims: { openid: ["sub"], profile: ["given_name", "family_name"], [spec.nrnScope]: [spec.nrnClaim] },
      // The claims go in the ID token (what Loket reads), not only in userinfo.
      conformIdTokenClaims: false,
      pkce: { required: () => true },
      features: { devInteractions: { enabled: false } },
      cookies: {
        keys: [randomBytes(32).toString("hex")],
        // Both issuers share one host: their cookies must not overwrite each other's.
        names: { session: `_${name}_session`, interaction: `_${name}_interaction`, resume: `_${name}_resume` },
      },
      interactions: { policy: policy(), url: (_ctx: unknown, interaction: { uid: string }) => `${prefix}/interaction/${interaction.uid}` },
      loadExistingGrant: loadGrant,
      findAccount: async (_ctx: unknown, sub: string) => {
        const person = subjects.get(sub);
        if (!person) return undefined;
        return {
          accountId: sub,
          claims: async () => ({ sub, given_name: person.firstName, family_name: person.lastName, [spec.nrnClaim]: person.nationalNumber }),
        };
      },
      ttl: { AuthorizationCode: 60, IdToken: 300, AccessToken: 300, Interaction: 900, Session: 900, Grant: 900 },
      renderError: async (ctx: { type: string; body: string }, out: { error: string; error_description?: string }) => {
        ctx.type = "html";
        ctx.body = page("Error", `<h1>${escapeHtml(out.error)}</h1><p>${escapeHtml(out.error_description ?? "")}</p>`);
      },
    });
    console.warn = warn;
    const instance: Instance = {
      name,
      prefix,
      issuer,
      provider,
      // Set once the middleware below is in: Koa composes it when callback() is called.
      handle: async () => {},
      alg: spec.idTokenAlg,
      kid: signing.kid,
      signingKey: signing.privateKey,
    };
    provider.use(async (ctx, next) => {
      await next();
      if (ctx.oidc?.route !== "token" || ctx.status !== 200) return;
      const fault = faults.get(name);
      const body = ctx.body as { id_token?: string } | undefined;
      if (!fault || !body?.id_token) return;
      faults.delete(name);
      body.id_token = await tamper(body.id_token, fault, instance);
      log(`${name}: ID token tampered (${fault})`);
    });
    instance.handle = provider.callback();
    provider.on("server_error", (_ctx, error) => console.error(`[oidc] ${name}:`, error));
    instances.set(name, instance);
  }

  server.on("request", async (req: IncomingMessage & { originalUrl?: string }, res: ServerResponse) => {
    try {
      const path = new URL(req.url ?? "/", url).pathname;
      if (path === "/" && req.method === "GET") {
        const items = [...instances.values()]
          .map((i) => `<li><a href="${i.issuer}/.well-known/openid-configuration">${escapeHtml(PROVIDER_SPECS[i.name].title)}</a>: <code>${i.issuer}</code></li>`)
          .join("");
        const persons = TEST_PERSONS.map((p) => `<li>${escapeHtml(`${p.firstName} ${p.lastName}`)} (${formatNrn(p.nationalNumber)})</li>`).join("");
        return send(res, 200, page("Local OpenID providers", `<h1>Local OpenID providers</h1><ul>${items}</ul><h2>Test persons</h2><ul>${persons}</ul>`));
      }
      if (path === "/_test/fault" && req.method === "POST") {
        let input: { provider?: unknown; kind?: unknown };
        try {
          input = JSON.parse(await readBody(req));
        } catch {
          input = {};
        }
        const name = PROVIDER_NAMES.find((n) => n === input.provider);
        const kind = FAULT_KINDS.find((k) => k === input.kind);
        if (!name || !kind) return send(res, 400, "provider (itsme|eid) and kind expected\n", "text/plain; charset=utf-8");
        faults.set(name, kind);
        log(`${name}: the next ID token will be tampered (${kind})`);
        res.writeHead(204).end();
        return;
      }
      for (const instance of instances.values()) {
        if (path !== instance.prefix && !path.startsWith(`${instance.prefix}/`)) continue;
        const match = /^\/interaction\/([\w-]+)$/.exec(path.slice(instance.prefix.length));
        if (match?.[1]) return await interaction(instance, match[1], req, res);
        log(`${req.method} ${req.url}`);
        // Mounted under a prefix: oidc-provider reads the mount path from originalUrl − url.
        req.originalUrl = req.url;
        req.url = (req.url ?? "/").slice(instance.prefix.length) || "/";
        return await instance.handle(req, res);
      }
      send(res, 404, page("Not found", "<h1>Not found</h1>"));
    } catch (error) {
      console.error("[oidc]", error);
      if (!res.headersSent) send(res, 500, page("Error", "<h1>Error</h1>"));
      else res.end();
    }
  });

  const itsme = instances.get("itsme") as Instance;
  const eid = instances.get("eid") as Instance;
  log(`itsme at ${itsme.issuer}, eID at ${eid.issuer}`);
  return {
    url,
    itsme: {
      issuer: itsme.issuer,
      clientId: PROVIDER_SPECS.itsme.clientId,
      scope: PROVIDER_SPECS.itsme.scope,
      nrnClaim: PROVIDER_SPECS.itsme.nrnClaim,
      privateJwk: clientKey.jwk,
    },
    eid: {
      issuer: eid.issuer,
      clientId: PROVIDER_SPECS.eid.clientId,
      scope: PROVIDER_SPECS.eid.scope,
      nrnClaim: PROVIDER_SPECS.eid.nrnClaim,
      clientSecret,
    },
    vars() {
      return {
        OIDC_ITSME_ISSUER: itsme.issuer,
        OIDC_ITSME_CLIENT_ID: PROVIDER_SPECS.itsme.clientId,
        OIDC_ITSME_SCOPE: PROVIDER_SPECS.itsme.scope,
        OIDC_ITSME_NRN_CLAIM: PROVIDER_SPECS.itsme.nrnClaim,
        OIDC_ITSME_PRIVATE_KEY: JSON.stringify(clientKey.jwk),
        OIDC_EID_ISSUER: eid.issuer,
        OIDC_EID_CLIENT_ID: PROVIDER_SPECS.eid.clientId,
        OIDC_EID_SCOPE: PROVIDER_SPECS.eid.scope,
        OIDC_EID_NRN_CLAIM: PROVIDER_SPECS.eid.nrnClaim,
        OIDC_EID_CLIENT_SECRET: clientSecret,
      };
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
