import type { Messages } from "../en.ts";

export const billingFr: Messages["billing"] = {
  title: "Billing",
};
