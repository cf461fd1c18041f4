import { IDENTITY_PROVIDERS, type IdentityProvider } from "../db/schema/enums.ts";
import type { Env } from "./env.ts";

/**
 * The OpenID providers (itsme, the federal eID login) as the Worker's vars describe them: the
 * relying party (src/features/identity) signs in with them, the CSP (src/lib/security.ts) lets the
 * login forms go to them. Nothing provider-specific lives in code.
 */
export type ProviderConfig = {
  provider: IdentityProvider;
  issuer: string;
  clientId: string;
  scope: string;
  /** The claim that holds the national register number ("egovNRN", itsme's BENationalNumber URI…). */
  nrnClaim: string;
  /** private_key_jwt when set (a private JWK as JSON with kid and alg), else client_secret_basic. */
  privateKey?: string;
  clientSecret?: string;
  /** http:// issuers are accepted only outside production (the local provider in development and tests). */
  allowHttp: boolean;
};

function read(env: Env, provider: IdentityProvider): ProviderConfig | null {
  const prefix = provider === "itsme" ? "OIDC_ITSME_" : "OIDC_EID_";
  const get = (name: string) => {
    const value = (env as Record<string, unknown>)[`${prefix}${name}`];
    return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
  };
  const issuer = get("ISSUER");
  const clientId = get("CLIENT_ID");
  if (!issuer || !clientId) return null;
  return {
    provider,
    issuer,
    clientId,
    scope: get("SCOPE") ?? "openid profile",
    nrnClaim: get("NRN_CLAIM") ?? "national_number",
    privateKey: get("PRIVATE_KEY"),
    clientSecret: get("CLIENT_SECRET"),
    allowHttp: env.ENVIRONMENT !== "production",
  };
}

/** The providers the portal offers: those whose issuer and client id are configured, itsme first. */
export function configuredProviders(env: Env): ProviderConfig[] {
  return IDENTITY_PROVIDERS.map((provider) => read(env, provider)).filter((config): config is ProviderConfig => config !== null);
}

export function providerConfig(env: Env, provider: string): ProviderConfig | null {
  return (IDENTITY_PROVIDERS as readonly string[]).includes(provider) ? read(env, provider as IdentityProvider) : null;
}
