import { sha256Hex } from "../../lib/crypto.ts";
import type { Session } from "../../lib/session.ts";

/** A selection never grows without bound: more than a page of ZIP is not what a person ticks. */
export const MAX_SELECTION = 500;
const TTL_SECONDS = 3600;

// Subject and creation time survive the id rotation on a change of rights; the account is part of
// the key so a user switching accounts does not carry one account's ticks into another.
async function selectionKey(session: Session): Promise<string> {
  return `selection:${await sha256Hex(`${session.subject}|${session.createdAt}|${session.customerId}`)}`;
}

export async function readSelection(kv: KVNamespace, session: Session): Promise<number[]> {
  const raw = await kv.get(await selectionKey(session));
  if (!raw) return [];
  const parsed: unknown = JSON.parse(raw);
  return Array.isArray(parsed) ? parsed.filter((id): id is number => Number.isSafeInteger(id)) : [];
}

export async function writeSelection(kv: KVNamespace, session: Session, ids: number[]): Promise<void> {
  const key = await selectionKey(session);
  if (ids.length === 0) await kv.delete(key);
  else await kv.put(key, JSON.stringify(ids.slice(0, MAX_SELECTION)), { expirationTtl: TTL_SECONDS });
}

/** The ids on the page just posted replace their previous state; ids of other tabs and pages stay. */
export function applyPage(current: number[], shown: number[], checked: number[]): number[] {
  const shownSet = new Set(shown);
  const kept = current.filter((id) => !shownSet.has(id));
  const added = checked.filter((id) => shownSet.has(id) && !kept.includes(id));
  return [...kept, ...new Set(added)];
}
