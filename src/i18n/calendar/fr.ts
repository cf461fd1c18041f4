import type { Messages } from "../en.ts";

export const calendarFr: Messages["calendar"] = {
  title: "Calendar",
};
