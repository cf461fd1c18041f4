import type { Messages } from "../en.ts";

export const documentsFr: Messages["documents"] = {
  title: "Documents",
};
