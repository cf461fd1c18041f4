export * from "./enums.ts";
export * from "./accounts.ts";
export * from "./platform.ts";
export * from "./access.ts";
export * from "./documents.ts";
export * from "./services.ts";
export * from "./threads.ts";
export * from "./fleet.ts";
