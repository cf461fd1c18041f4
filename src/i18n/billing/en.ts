export const billingEn = {
  title: "Billing",
};
