import { and, eq, type SQL, sql } from "drizzle-orm";
import { mobileLines } from "../../db/schema/index.ts";
import { fleetRoleOf, type Principal } from "../../lib/principal.ts";

/**
 * The lines a principal may see, as a condition on mobile_lines. Every fleet query goes through
 * it: a line outside it does not exist for that user (404).
 *   MANAGER: every line of the account; MEMBER: the lines delegated to them (003);
 *   anyone else (a Service User): their own line (002: self-service for end users).
 */
export function linesInScope(principal: Principal): SQL {
  const account = eq(mobileLines.customerId, principal.customerId);
  const role = fleetRoleOf(principal);
  if (role === "MANAGER") return account;
  if (principal.userId === null) return sql`0`;
  if (role === "MEMBER") {
    return and(account, sql`${mobileLines.id} IN (SELECT line_id FROM line_delegations WHERE user_id = ${principal.userId})`)!;
  }
  return and(account, eq(mobileLines.ownerUserId, principal.userId))!;
}

/** Whether the principal runs the fleet (orders, bulk changes, adds lines) rather than only their own line(s). */
export function managesFleet(principal: Principal): boolean {
  return fleetRoleOf(principal) === "MANAGER";
}
