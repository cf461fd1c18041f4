import * as oauth from "oauth4webapi";
import type { ProviderConfig } from "../../lib/identity-providers.ts";
import { validNationalNumber } from "./national-number.ts";

/**
 * The relying party (oauth4webapi): discovery, the authorization request (PKCE S256, state,
 * nonce) and the callback (state, code for tokens with private_key_jwt or client_secret_basic,
 * the ID token's issuer, audience, expiry, nonce and its signature from the provider's JWKS).
 * Only data is kept across requests (metadata and keys); every fetch belongs to its request.
 */

const METADATA_TTL_MS = 60 * 60 * 1000;
const metadata: Record<string, { as: oauth.AuthorizationServer; at: number }> = {};
const jwks: Record<string, oauth.JWKSCacheInput> = {};

/** What the callback needs to finish: kept in the transaction, never in a cookie. */
export type Authorization = { url: string; state: string; nonce: string; codeVerifier: string };

export type IdentityClaims = { nationalNumber: string; firstName: string; lastName: string };

/** The reason an identity could not be established; logged (no personal data), never shown. */
export class IdentityFailed extends Error {}

function httpOptions(config: ProviderConfig) {
  return config.allowHttp ? { [oauth.allowInsecureRequests]: true } : {};
}

async function discover(config: ProviderConfig, now = Date.now()): Promise<oauth.AuthorizationServer> {
  const cached = metadata[config.issuer];
  if (cached && now - cached.at < METADATA_TTL_MS) return cached.as;
  const issuer = new URL(config.issuer);
  const response = await oauth.discoveryRequest(issuer, { algorithm: "oidc", ...httpOptions(config) });
  const as = await oauth.processDiscoveryResponse(issuer, response);
  metadata[config.issuer] = { as, at: now };
  return as;
}

const client = (config: ProviderConfig): oauth.Client => ({ client_id: config.clientId });

async function clientAuth(config: ProviderConfig): Promise<oauth.ClientAuth> {
  if (config.privateKey) {
    const jwk = JSON.parse(config.privateKey) as JsonWebKey & { kid?: string; alg?: string };
    const { kid, alg, ...keyData } = jwk;
    const algorithm =
      alg === "ES384" ? { name: "ECDSA", namedCurve: "P-384" } : alg?.startsWith("RS") ? { name: "RSASSA-PKCS1-v1_5", hash: `SHA-${alg.slice(2)}` } : { name: "ECDSA", namedCurve: "P-256" };
    const key = await crypto.subtle.importKey("jwk", keyData, algorithm, false, ["sign"]);
    return oauth.PrivateKeyJwt({ key, kid });
  }
  if (config.clientSecret) return oauth.ClientSecretBasic(config.clientSecret);
  throw new IdentityFailed("no client authentication configured");
}

export async function authorizationRequest(config: ProviderConfig, redirectUri: string, locale: string): Promise<Authorization> {
  const as = await discover(config);
  if (!as.authorization_endpoint) throw new IdentityFailed("no authorization endpoint");
  const codeVerifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const nonce = oauth.generateRandomNonce();
  const url = new URL(as.authorization_endpoint);
  url.searchParams.set("client_id", config.clientId);
  url.searchParams.set("redirect_uri", redirectUri);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("scope", config.scope);
  url.searchParams.set("code_challenge", await oauth.calculatePKCECodeChallenge(codeVerifier));
  url.searchParams.set("code_challenge_method", "S256");
  url.searchParams.set("state", state);
  url.searchParams.set("nonce", nonce);
  url.searchParams.set("ui_locales", locale);
  return { url: url.href, state, nonce, codeVerifier };
}

function claimsOf(config: ProviderConfig, claims: Record<string, unknown>): IdentityClaims {
  const raw = claims[config.nrnClaim];
  const nationalNumber = typeof raw === "string" || typeof raw === "number" ? String(raw).replace(/\D/g, "") : "";
  if (!validNationalNumber(nationalNumber)) throw new IdentityFailed("national number missing or invalid");
  const name = (key: string) => (typeof claims[key] === "string" ? (claims[key] as string).trim().slice(0, 100) : "");
  const firstName = name("given_name");
  const lastName = name("family_name");
  if (!firstName && !lastName) throw new IdentityFailed("names missing");
  return { nationalNumber, firstName, lastName };
}

/**
 * Finishes the flow for the callback's parameters: state, then the token request, then the ID
 * token (iss, aud, exp, nonce by processAuthorizationCodeResponse; its signature with the
 * provider's keys). Any failure throws; the tokens are dropped here.
 */
export async function finishAuthorization(config: ProviderConfig, redirectUri: string, callback: URL, expected: { state: string; nonce: string; codeVerifier: string }): Promise<IdentityClaims> {
  const as = await discover(config);
  const c = client(config);
  const params = oauth.validateAuthResponse(as, c, callback.searchParams, expected.state);
  const response = await oauth.authorizationCodeGrantRequest(as, c, await clientAuth(config), params, redirectUri, expected.codeVerifier, httpOptions(config));
  const result = await oauth.processAuthorizationCodeResponse(as, c, response, { expectedNonce: expected.nonce, requireIdToken: true });
  // oauth4webapi trusts TLS for a token from the token endpoint; the issue asks for the signature too.
  jwks[config.issuer] ??= {};
  await oauth.validateApplicationLevelSignature(as, response, { [oauth.jwksCache]: jwks[config.issuer], ...httpOptions(config) });
  const claims = oauth.getValidatedIdTokenClaims(result);
  if (!claims) throw new IdentityFailed("no id token");
  return claimsOf(config, claims as Record<string, unknown>);
}
