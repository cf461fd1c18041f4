import type { Messages } from "../en.ts";

export const rightsFr: Messages["rights"] = {
  title: "Rights",
};
