import type { Messages } from "../en.ts";

export const billingNl: Messages["billing"] = {
  title: "Billing",
};
