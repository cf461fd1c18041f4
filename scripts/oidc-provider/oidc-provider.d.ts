// oidc-provider ships no types: the few parts scripts/oidc-provider/server.ts uses.
declare module "oidc-provider" {
  import type { IncomingMessage, ServerResponse } from "node:http";

  export type KoaContextWithOIDC = {
    path: string;
    status: number;
    body: unknown;
    oidc: {
      provider: Provider;
      route?: string;
      client?: { clientId: string };
      session?: { accountId?: string; grantIdFor(clientId: string): string | undefined };
      result?: { login?: unknown; consent?: { grantId?: string } };
      params?: Record<string, unknown>;
      requestParamOIDCScopes: Set<string>;
      requestParamClaims: Set<string>;
    };
  };

  export class Grant {
    constructor(properties: { accountId?: string; clientId?: string });
    accountId?: string;
    addOIDCScope(scope: string): void;
    addOIDCClaims(claims: string[]): void;
    getOIDCScope(): string;
    save(): Promise<string>;
    static find(id: string): Promise<Grant | undefined>;
  }

  export type Interaction = {
    uid: string;
    prompt: { name: string; reasons: string[]; details: Record<string, unknown> };
    params: Record<string, unknown>;
    session?: { accountId?: string };
    grantId?: string;
  };

  export class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    issuer: string;
    Grant: typeof Grant;
    callback(): (req: IncomingMessage, res: ServerResponse) => Promise<void>;
    use(middleware: (ctx: KoaContextWithOIDC, next: () => Promise<void>) => Promise<void>): void;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>;
    interactionFinished(req: IncomingMessage, res: ServerResponse, result: Record<string, unknown>, options?: { mergeWithLastSubmission?: boolean }): Promise<void>;
    on(event: string, listener: (...args: unknown[]) => void): void;
  }

  export namespace interactionPolicy {
    class Check {
      constructor(reason: string, description: string, error: string, check: (ctx: KoaContextWithOIDC) => unknown);
      static REQUEST_PROMPT: boolean;
      static NO_NEED_TO_PROMPT: boolean;
    }
    type Prompt = { name: string; checks: Check[] & { add(check: Check, i?: number): void } };
    function base(): Prompt[] & { get(name: string): Prompt | undefined };
  }

  export default Provider;
}
