// Fleet, part "usage": the e-mail of an out-of-bundle notification (003 "Définir les notifications
// liées aux consommations hors abonnement"), sent by the cron at most once per threshold and period.
export const fleetUsageMailEn = {
  lineSubject: "Line {number}: out-of-bundle use above {threshold}",
  lineBody:
    "Dear {name},\n\nThe out-of-bundle use of line {number} has reached {amount} in the billing period {period}, above the {threshold} you set for this notification.\n\nSee the line's consumption: {link}\n\nYou receive this message once per billing period and amount. You can change or switch off the notification on the same page.\n\nKind regards,\nLoket",
  packSubject: "Group pack {pack}: extra use above {threshold}",
  packBody:
    "Dear {name},\n\nThe use beyond the group pack {pack} of contract {contract} has reached {amount} in the billing period {period}, above the {threshold} you set for this notification.\n\nSee the fleet's consumption: {link}\n\nYou receive this message once per billing period and amount. You can change or switch off the notification on the group packs page.\n\nKind regards,\nLoket",
  /** When the alert was saved by the account's code login: the account's contact. */
  customer: "customer",
};

export type FleetUsageMailMessages = typeof fleetUsageMailEn;
