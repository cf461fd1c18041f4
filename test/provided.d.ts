// Values the global setups hand to the tests (vitest's provide/inject).
declare module "vitest" {
  export interface ProvidedContext {
    dbUrl: string;
    baseUrl: string;
  }
}
export {};
