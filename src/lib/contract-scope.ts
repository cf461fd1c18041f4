import { type SQL, sql } from "drizzle-orm";
import type { Principal } from "./principal.ts";

/**
 * Where a principal's grants in an application name contracts (004: rights limited to some
 * contracts), only those contracts: a condition on a contract id column. Without contract scopes
 * the grant covers every contract of the accounts the principal sees.
 */
export function contractAllowed(principal: Principal, app: string, contractId: SQL): SQL {
  const granted = principal.apps[app]?.scopes;
  if (!Array.isArray(granted) || granted.length === 0) return sql`1`;
  const ids = sql.join(
    granted.map((s) => sql`${s}`),
    sql`, `,
  );
  return sql`(NOT EXISTS (SELECT 1 FROM scopes WHERE id IN (${ids}) AND kind = 'contract')
    OR ${contractId} IN (SELECT k.id FROM contracts k JOIN scopes s ON s.kind = 'contract' AND s.ref = k.contract_number AND s.customer_id = k.customer_id WHERE s.id IN (${ids})))`;
}
