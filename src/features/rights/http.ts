import type { Context } from "hono";
import type { AppEnv } from "../../lib/env.ts";
import type { FormNotice } from "../../../views/rights/RightsForm.tsx";

/** Checkbox values: one is a string, several an array. */
export async function checkedItems(c: Context<AppEnv>): Promise<unknown[]> {
  const value = (await c.req.parseBody({ all: true })).item;
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** After a save the page comes back by GET, with what happened in the query. */
export function noticeFrom(c: Context<AppEnv>): FormNotice | undefined {
  const { t } = c.var;
  if (c.req.query("saved")) return { kind: "ok", text: t.rights.saved };
  if (c.req.query("copied")) return { kind: "ok", text: t.rights.copied };
  if (c.req.query("unchanged")) return { text: t.rights.unchanged };
  return undefined;
}
