// The local OpenID providers (scripts/oidc-provider/server.ts) as a relying party sees them:
// discovery, keys, the code flow with PKCE (private_key_jwt for itsme, client_secret_basic for the
// eID), the claims in the ID token, the test persons, and each injected fault.
import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair, importJWK, jwtVerify } from "jose";
import * as oauth from "oauth4webapi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatNrn, isValidNrn, TEST_PERSONS } from "../../scripts/oidc-provider/persons.ts";
import { type FaultKind, type OidcProviders, startOidcProviders, subjectOf } from "../../scripts/oidc-provider/server.ts";
import { cancelAtProvider, walkProvider } from "../integration/oidc-walk.ts";

const REDIRECT = "https://loket.test/oidc/callback";
const insecure = { [oauth.allowInsecureRequests]: true } as const;
type Name = "itsme" | "eid";

let providers: OidcProviders;
beforeAll(async () => {
  providers = await startOidcProviders({ redirectUris: [REDIRECT], quiet: true });
});
afterAll(() => providers?.close());

async function discover(name: Name) {
  const issuer = new URL(providers[name].issuer);
  return oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, insecure));
}

async function clientAuth(name: Name): Promise<oauth.ClientAuth> {
  if (name === "eid") return oauth.ClientSecretBasic(providers.eid.clientSecret);
  const jwk = providers.itsme.privateJwk;
  return oauth.PrivateKeyJwt({ key: (await importJWK(jwk, "ES256")) as CryptoKey, kid: jwk.kid });
}

async function authorizationUrl(name: Name, as: oauth.AuthorizationServer, extra: Record<string, string> = {}) {
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const nonce = oauth.generateRandomNonce();
  const url = new URL(as.authorization_endpoint as string);
  url.search = new URLSearchParams({
    client_id: providers[name].clientId,
    redirect_uri: REDIRECT,
    response_type: "code",
    scope: providers[name].scope,
    state,
    nonce,
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    ...extra,
  }).toString();
  return { url: url.href, verifier, state, nonce };
}

/** The whole flow up to the token response (not yet processed). */
async function codeFlow(name: Name, nationalNumber: string, auth?: oauth.ClientAuth) {
  const as = await discover(name);
  const client: oauth.Client = { client_id: providers[name].clientId };
  const request = await authorizationUrl(name, as);
  const callback = await walkProvider(request.url, nationalNumber);
  expect(callback.startsWith(`${REDIRECT}?`)).toBe(true);
  const params = oauth.validateAuthResponse(as, client, new URL(callback), request.state);
  const response = await oauth.authorizationCodeGrantRequest(as, client, auth ?? (await clientAuth(name)), params, REDIRECT, request.verifier, insecure);
  return { as, client, response, nonce: request.nonce };
}

async function injectFault(provider: Name, kind: FaultKind) {
  const response = await fetch(`${providers.url}/_test/fault`, { method: "POST", body: JSON.stringify({ provider, kind }) });
  expect(response.status).toBe(204);
}

describe("the local OpenID providers", () => {
  it("publish discovery and a JWKS without private parts for both issuers", async () => {
    for (const name of ["itsme", "eid"] as const) {
      const as = await discover(name);
      expect(as.issuer).toBe(providers[name].issuer);
      expect(as.code_challenge_methods_supported).toEqual(["S256"]);
      expect(as.scopes_supported).toEqual(expect.arrayContaining(providers[name].scope.split(" ")));
      expect(as.claims_supported).toEqual(expect.arrayContaining([providers[name].nrnClaim, "given_name", "family_name"]));
      expect(as.token_endpoint_auth_methods_supported).toEqual(expect.arrayContaining(["private_key_jwt", "client_secret_basic"]));
      const jwks = (await (await fetch(as.jwks_uri as string)).json()) as { keys: Record<string, string>[] };
      expect(jwks.keys).toHaveLength(1);
      expect(jwks.keys[0]?.kid).toBeTruthy();
      expect(jwks.keys[0]?.alg).toBe(name === "itsme" ? "ES256" : "RS256");
      expect(jwks.keys[0]?.d).toBeUndefined();
    }
    expect(providers.itsme.nrnClaim).toBe("http://itsme.services/v2/claim/BENationalNumber");
    expect(providers.eid.nrnClaim).toBe("egovNRN");
    const vars = providers.vars();
    expect(JSON.parse(vars.OIDC_ITSME_PRIVATE_KEY ?? "")).toMatchObject({ kty: "EC", alg: "ES256", kid: providers.itsme.privateJwk.kid });
    expect(vars).toMatchObject({ OIDC_ITSME_ISSUER: providers.itsme.issuer, OIDC_EID_CLIENT_SECRET: providers.eid.clientSecret, OIDC_EID_SCOPE: "openid profile egovnrn" });
  });

  it("itsme: code flow with PKCE and private_key_jwt gives an ID token with the national number and the names", async () => {
    const person = TEST_PERSONS[0];
    if (!person) throw new Error("no test person");
    const { as, client, response, nonce } = await codeFlow("itsme", person.nationalNumber);
    const result = await oauth.processAuthorizationCodeResponse(as, client, response, { expectedNonce: nonce });
    await oauth.validateApplicationLevelSignature(as, response, insecure);
    const claims = oauth.getValidatedIdTokenClaims(result);
    expect(claims).toMatchObject({
      iss: providers.itsme.issuer,
      aud: "loket-itsme",
      sub: subjectOf("itsme", person.nationalNumber),
      nonce,
      given_name: person.firstName,
      family_name: person.lastName,
      "http://itsme.services/v2/claim/BENationalNumber": person.nationalNumber,
    });
    expect(decodeProtectedHeader(result.id_token as string).alg).toBe("ES256");
  });

  it("eID: code flow with client_secret_basic gives egovNRN, signed RS256", async () => {
    const person = TEST_PERSONS[1];
    if (!person) throw new Error("no test person");
    const { as, client, response, nonce } = await codeFlow("eid", person.nationalNumber);
    const claims = oauth.getValidatedIdTokenClaims(await oauth.processAuthorizationCodeResponse(as, client, response, { expectedNonce: nonce }));
    await oauth.validateApplicationLevelSignature(as, response, insecure);
    expect(claims).toMatchObject({ aud: "loket-eid", egovNRN: person.nationalNumber, given_name: person.firstName, family_name: person.lastName });
    expect(claims?.["http://itsme.services/v2/claim/BENationalNumber"]).toBeUndefined();
    expect(claims?.sub).not.toBe(subjectOf("itsme", person.nationalNumber));
  });

  it("asks for the person on every authorization: a second walk with another person gets that person", async () => {
    const [first, second] = [TEST_PERSONS[2], TEST_PERSONS[3]];
    if (!first || !second) throw new Error("no test persons");
    for (const person of [first, second]) {
      const { as, client, response, nonce } = await codeFlow("eid", person.nationalNumber);
      const claims = oauth.getValidatedIdTokenClaims(await oauth.processAuthorizationCodeResponse(as, client, response, { expectedNonce: nonce }));
      expect(claims?.egovNRN).toBe(person.nationalNumber);
    }
  });

  it("the person page is a plain form with labels; no person chosen → 422, the same list", async () => {
    const as = await discover("itsme");
    const { url } = await authorizationUrl("itsme", as);
    const first = await fetch(url, { redirect: "manual" });
    expect(first.status).toBe(303);
    const location = new URL(first.headers.get("location") as string, url);
    expect(location.pathname).toMatch(/^\/itsme\/interaction\/[\w-]+$/);
    const cookie = first.headers
      .getSetCookie()
      .map((line) => line.split(";")[0])
      .join("; ");
    const page = await fetch(location, { headers: { cookie } });
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain(`<label for="person-85073003328">Lotte Peeters (85.07.30-033.28)</label>`);
    expect(html).toContain('value="cancel" formnovalidate');
    expect(html).not.toContain("<script");
    const refused = await fetch(location, {
      method: "POST",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body: "action=continue&nationalNumber=12345678901",
      redirect: "manual",
    });
    expect(refused.status).toBe(422);
    const again = await refused.text();
    expect(again).toContain("Choose a test person.");
    expect(again).toContain('aria-describedby="person-error"');
  });

  it("Cancel sends the browser back with error=access_denied", async () => {
    const as = await discover("itsme");
    const { url, state } = await authorizationUrl("itsme", as);
    const callback = new URL(await cancelAtProvider(url));
    expect(callback.origin + callback.pathname).toBe(REDIRECT);
    expect(callback.searchParams.get("error")).toBe("access_denied");
    expect(callback.searchParams.get("state")).toBe(state);
  });

  it("requires PKCE: without a code challenge the browser comes back with an error", async () => {
    const as = await discover("eid");
    const { url } = await authorizationUrl("eid", as);
    const withoutPkce = new URL(url);
    withoutPkce.searchParams.delete("code_challenge");
    withoutPkce.searchParams.delete("code_challenge_method");
    const answer = await fetch(withoutPkce, { redirect: "manual" });
    const location = new URL(answer.headers.get("location") as string);
    expect(location.origin + location.pathname).toBe(REDIRECT);
    expect(location.searchParams.get("error")).toBe("invalid_request");
  });

  it("refuses a client assertion signed with another key, and a wrong client secret", async () => {
    const other = await generateKeyPair("ES256");
    const wrongKey = oauth.PrivateKeyJwt({ key: other.privateKey, kid: providers.itsme.privateJwk.kid });
    const person = TEST_PERSONS[4];
    if (!person) throw new Error("no test person");
    const itsme = await codeFlow("itsme", person.nationalNumber, wrongKey);
    expect(itsme.response.status).toBe(401);
    expect(((await itsme.response.json()) as { error: string }).error).toBe("invalid_client");
    const eid = await codeFlow("eid", person.nationalNumber, oauth.ClientSecretBasic("not-the-secret"));
    expect(eid.response.status).toBe(401);
    expect(await exportJWK(other.publicKey)).not.toMatchObject({ x: providers.itsme.privateJwk.x });
  });

  const faults: { kind: FaultKind; changed: (claims: Record<string, unknown>) => void }[] = [
    { kind: "expired", changed: (claims) => expect(claims.exp as number).toBeLessThan(Date.now() / 1000 - 60) },
    { kind: "wrong-audience", changed: (claims) => expect(claims.aud).toBe("someone-else") },
    { kind: "wrong-nonce", changed: (claims) => expect(claims.nonce).toBe("wrong") },
    { kind: "wrong-issuer", changed: (claims) => expect(claims.iss).toBe("https://evil.example") },
  ];
  for (const { kind, changed } of faults) {
    it(`fault ${kind}: the next ID token is re-signed with that change, oauth4webapi refuses it, the one after is clean`, async () => {
      const person = TEST_PERSONS[5];
      if (!person) throw new Error("no test person");
      await injectFault("itsme", kind);
      const { as, client, response, nonce } = await codeFlow("itsme", person.nationalNumber);
      const { id_token } = (await response.clone().json()) as { id_token: string };
      changed(decodeJwt(id_token));
      // Still the provider's own signature.
      await jwtVerify(id_token, createRemoteJWKSet(new URL(as.jwks_uri as string)), { clockTolerance: 3600 * 24 });
      await expect(oauth.processAuthorizationCodeResponse(as, client, response, { expectedNonce: nonce })).rejects.toThrow();
      const clean = await codeFlow("itsme", person.nationalNumber);
      await oauth.processAuthorizationCodeResponse(clean.as, clean.client, clean.response, { expectedNonce: clean.nonce });
    });
  }

  it("fault other-key: same kid and claims, a signature the JWKS does not verify", async () => {
    const person = TEST_PERSONS[5];
    if (!person) throw new Error("no test person");
    await injectFault("eid", "other-key");
    const { as, client, response, nonce } = await codeFlow("eid", person.nationalNumber);
    const { id_token } = (await response.clone().json()) as { id_token: string };
    const jwks = (await (await fetch(as.jwks_uri as string)).json()) as { keys: { kid: string }[] };
    expect(decodeProtectedHeader(id_token)).toMatchObject({ alg: "RS256", kid: jwks.keys[0]?.kid });
    expect(decodeJwt(id_token).egovNRN).toBe(person.nationalNumber);
    // The claims hold: only the signature check finds it.
    await oauth.processAuthorizationCodeResponse(as, client, response, { expectedNonce: nonce });
    await expect(oauth.validateApplicationLevelSignature(as, response, insecure)).rejects.toThrow(/signature/i);
  });

  it("refuses an unknown fault", async () => {
    const response = await fetch(`${providers.url}/_test/fault`, { method: "POST", body: JSON.stringify({ provider: "itsme", kind: "nope" }) });
    expect(response.status).toBe(400);
  });
});

describe("test persons", () => {
  it("are at least 6, distinct, and pass mod 97 (with the 2 prefix from 2000 on)", () => {
    expect(TEST_PERSONS.length).toBeGreaterThanOrEqual(6);
    expect(new Set(TEST_PERSONS.map((p) => p.nationalNumber)).size).toBe(TEST_PERSONS.length);
    for (const person of TEST_PERSONS) expect(isValidNrn(person.nationalNumber), person.nationalNumber).toBe(true);
    expect(TEST_PERSONS.some((p) => p.nationalNumber.startsWith("0"))).toBe(true);
    expect(isValidNrn("85073003329")).toBe(false);
    expect(isValidNrn("8507300332")).toBe(false);
    expect(formatNrn("85073003328")).toBe("85.07.30-033.28");
  });
});
