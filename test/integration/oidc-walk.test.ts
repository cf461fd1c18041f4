// The walker (oidc-walk.ts) from inside workerd, against the local OpenID providers the global
// setup started: the Worker's bindings carry their OIDC_* vars, a walk brings back a code the
// token endpoint takes, Cancel brings back access_denied, a fault changes the next ID token.
import { env as workerEnv } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { TEST_PERSONS } from "../../scripts/oidc-provider/persons.ts";
import type { Env } from "../../src/lib/env.ts";
import { cancelAtProvider, injectFault, walkProvider } from "./oidc-walk.ts";

const env = workerEnv as unknown as Env;

const REDIRECT = "https://loket.test/oidc/callback";
const base64url = (bytes: ArrayBuffer | Uint8Array) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");
const claimsOf = (jwt: string) => JSON.parse(atob((jwt.split(".")[1] ?? "").replaceAll("-", "+").replaceAll("_", "/"))) as Record<string, unknown>;

async function eidAuthorization() {
  const issuer = env.OIDC_EID_ISSUER as string;
  const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as { authorization_endpoint: string; token_endpoint: string };
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const challenge = base64url(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)));
  const url = new URL(discovery.authorization_endpoint);
  url.search = new URLSearchParams({
    client_id: env.OIDC_EID_CLIENT_ID as string,
    redirect_uri: REDIRECT,
    response_type: "code",
    scope: env.OIDC_EID_SCOPE as string,
    state: "state-1",
    nonce: "nonce-1",
    code_challenge: challenge,
    code_challenge_method: "S256",
  }).toString();
  return { url: url.href, verifier, tokenEndpoint: discovery.token_endpoint };
}

async function exchange(tokenEndpoint: string, code: string, verifier: string) {
  const response = await fetch(tokenEndpoint, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: `Basic ${btoa(`${env.OIDC_EID_CLIENT_ID}:${env.OIDC_EID_CLIENT_SECRET}`)}`,
    },
    body: new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: REDIRECT, code_verifier: verifier }),
  });
  expect(response.status).toBe(200);
  return claimsOf(((await response.json()) as { id_token: string }).id_token);
}

describe("the provider walker in workerd", () => {
  it("the Worker has both providers' vars", () => {
    expect(env.OIDC_ITSME_ISSUER).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/itsme$/);
    expect(JSON.parse(env.OIDC_ITSME_PRIVATE_KEY as string)).toMatchObject({ kty: "EC", alg: "ES256" });
    expect(env.OIDC_ITSME_NRN_CLAIM).toBe("http://itsme.services/v2/claim/BENationalNumber");
    expect(env.OIDC_EID_NRN_CLAIM).toBe("egovNRN");
    expect(env.OIDC_EID_CLIENT_SECRET).toBeTruthy();
  });

  it("walks to the callback with a code that gives the chosen person's ID token", async () => {
    const person = TEST_PERSONS[9];
    if (!person) throw new Error("no test person");
    const { url, verifier, tokenEndpoint } = await eidAuthorization();
    const callback = new URL(await walkProvider(url, person.nationalNumber));
    expect(`${callback.origin}${callback.pathname}`).toBe(REDIRECT);
    expect(callback.searchParams.get("state")).toBe("state-1");
    expect(callback.searchParams.get("iss")).toBe(env.OIDC_EID_ISSUER);
    const claims = await exchange(tokenEndpoint, callback.searchParams.get("code") as string, verifier);
    expect(claims).toMatchObject({ egovNRN: person.nationalNumber, given_name: person.firstName, family_name: person.lastName, nonce: "nonce-1" });
  });

  it("refuses an unknown person, cancels with access_denied", async () => {
    const { url } = await eidAuthorization();
    await expect(walkProvider(url, "12345678901")).rejects.toThrow(/not a test person/);
    const cancelled = new URL(await cancelAtProvider((await eidAuthorization()).url));
    expect(cancelled.searchParams.get("error")).toBe("access_denied");
  });

  it("injectFault changes the next ID token only", async () => {
    const person = TEST_PERSONS[8];
    if (!person) throw new Error("no test person");
    await injectFault("eid", "wrong-nonce");
    for (const expected of ["wrong", "nonce-1"]) {
      const { url, verifier, tokenEndpoint } = await eidAuthorization();
      const callback = new URL(await walkProvider(url, person.nationalNumber));
      const claims = await exchange(tokenEndpoint, callback.searchParams.get("code") as string, verifier);
      expect(claims.nonce).toBe(expected);
    }
  });
});
