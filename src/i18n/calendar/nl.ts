import type { Messages } from "../en.ts";

export const calendarNl: Messages["calendar"] = {
  title: "Calendar",
};
