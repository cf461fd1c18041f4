// Values the global setups hand to the tests (vitest's provide/inject).
declare module "vitest" {
  export interface ProvidedContext {
    dbUrl: string;
    /** The bearer token the local libSQL server asks for (TURSO_AUTH_TOKEN). */
    dbToken: string;
    /** A proxy to that server that never answers a write (test/setup/frozen-database.ts). */
    frozenDbUrl: string;
    baseUrl: string;
    /** The local OpenID providers (scripts/oidc-provider/server.ts): their server, for injectFault. */
    oidcUrl: string;
    /** Their OIDC_* vars for the Worker (miniflare bindings in vitest.config.ts). */
    oidcVars: Record<string, string>;
  }
}
export {};
