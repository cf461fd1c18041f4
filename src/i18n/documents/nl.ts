import type { Messages } from "../en.ts";

export const documentsNl: Messages["documents"] = {
  title: "Documents",
};
