import type { Messages } from "../en.ts";

export const rightsNl: Messages["rights"] = {
  title: "Rights",
};
