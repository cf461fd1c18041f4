import { idParam } from "../../lib/ids.ts";
import * as z from "zod"; // a namespace import tree-shakes; `{ z }` keeps all of zod and its 64 locales

/** "5422.ics" or "5422.pdf": the contract's id and the format asked for. */
export function parseCalendarFile(file: string): { contractId: number; format: "ics" | "pdf" } | null {
  const match = /^([1-9][0-9]{0,9})\.(ics|pdf)$/.exec(file);
  if (!match) return null;
  return { contractId: Number(match[1]), format: match[2] as "ics" | "pdf" };
}

export const parseContractId = idParam;

/** The send form carries a random request id: the same form sent twice is one e-mail. */
export const sendSchema = z.object({
  request: z.string({ error: "required" }).regex(/^[A-Za-z0-9_-]{16,64}$/, { error: "required" }),
});
