// Before the workerd tests: the local OpenID providers (itsme and eID) on a free port, with fresh
// keys. The Worker gets their OIDC_* vars as bindings (vitest.config.ts), the tests the server's
// address for injectFault (test/integration/oidc-walk.ts).
import type { TestProject } from "vitest/node";
import { startOidcProviders } from "../../scripts/oidc-provider/server.ts";

export default async function setup(project: TestProject) {
  const providers = await startOidcProviders({ redirectUris: ["https://loket.test/oidc/callback"], quiet: true });
  project.provide("oidcUrl", providers.url);
  project.provide("oidcVars", providers.vars());
  return () => providers.close();
}
