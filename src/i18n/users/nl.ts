import type { Messages } from "../en.ts";

export const usersNl: Messages["users"] = {
  title: "Users",
};
