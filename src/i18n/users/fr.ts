import type { Messages } from "../en.ts";

export const usersFr: Messages["users"] = {
  title: "Users",
};
