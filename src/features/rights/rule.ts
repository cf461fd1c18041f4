import type { Principal } from "../../lib/principal.ts";
import { itemKey, type Catalog } from "../../lib/catalog.ts";

/**
 * 004 §2.1: an administrator grants only what they hold. What the acting principal holds in one
 * application, among that application's items for the account ("*": all of them, as an Access Owner).
 */
export function heldItems(principal: Principal, appCode: string, catalog: Catalog): Set<string> {
  const held = new Set<string>();
  const rights = principal.apps[appCode];
  if (!rights) return held;
  for (const f of catalog.functions) if (rights.functions === "*" || rights.functions.includes(f.code)) held.add(itemKey("function", f.id));
  for (const s of catalog.scopes) if (rights.scopes === "*" || rights.scopes.includes(s.id)) held.add(itemKey("scope", s.id));
  return held;
}

/** The checked boxes as item keys; null when one is not an item of this application and account. */
export function parseItems(values: unknown[], catalogKeys: Set<string>): Set<string> | null {
  const out = new Set<string>();
  for (const value of values) {
    if (typeof value !== "string" || !catalogKeys.has(value)) return null;
    out.add(value);
  }
  return out;
}

export type Plan = { next: Set<string>; added: string[]; removed: string[] };

/**
 * The grants after a save: the checked items the administrator holds, plus what the target has
 * that the administrator does not hold (greyed out, so not sent, and not theirs to take away).
 * A checked item that is neither held nor already granted is forged: the whole save is refused.
 */
export function planSave(current: Set<string>, checked: Set<string>, held: Set<string>): Plan | { forged: string[] } {
  const forged = [...checked].filter((key) => !held.has(key) && !current.has(key));
  if (forged.length > 0) return { forged };
  const next = new Set([...checked].filter((key) => held.has(key)));
  for (const key of current) if (!held.has(key)) next.add(key);
  return diff(current, next);
}

/** "Kopieer al mijn rechten": everything the administrator holds is added; nothing is taken away. */
export function planCopy(current: Set<string>, held: Set<string>): Plan {
  return diff(current, new Set([...current, ...held]));
}

function diff(current: Set<string>, next: Set<string>): Plan {
  return { next, added: [...next].filter((key) => !current.has(key)), removed: [...current].filter((key) => !next.has(key)) };
}

export function splitKey(key: string): { kind: "function" | "scope"; id: number } {
  const [kind, id] = key.split(":");
  return { kind: kind === "function" ? "function" : "scope", id: Number(id) };
}

/** For the audit log: function codes and scope references, readable without the catalog. */
export function describeItems(keys: Set<string>, catalog: Catalog): { functions: string[]; scopes: string[] } {
  return {
    functions: catalog.functions.filter((f) => keys.has(itemKey("function", f.id))).map((f) => f.code),
    scopes: catalog.scopes.filter((s) => keys.has(itemKey("scope", s.id))).map((s) => s.ref),
  };
}
