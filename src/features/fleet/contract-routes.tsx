import { type Context, Hono } from "hono";
import { ContractPage, type ContractTab } from "../../../views/fleet/contract/ContractPage.tsx";
import { longDay, type PacksState } from "../../../views/fleet/packs/PacksTab.tsx";
import type { AppEnv } from "../../lib/env.ts";
import { fill } from "../../lib/i18n.ts";
import { idParam } from "../../lib/ids.ts";
import { renderFailure, renderPage } from "../../lib/render.tsx";
import { fleetRoleOf } from "../../lib/principal.ts";
import { declare, right } from "../../lib/routes.ts";
import { type ContractPage as Data, getContractPage } from "./contract-service.ts";

/** Fleet, part "contract" (issue #11): 003 "Plans tarifaires et options retenues" and the group packs tab. */
export const fleetContractRoutes = new Hono<AppEnv>();

declare({
  "GET /fleet/contract": right("fleet", "view"),
});

/** What a post reports after its redirect: fixed words only, the date read back from the request stored. */
export const DONE = ["ordered", "modified", "stopped", "cancelled", "alertSaved"] as const;
export type Done = (typeof DONE)[number];

/**
 * The contract page for a contract (null: the first) and tab, with what the last post left (or a
 * function of the page's data that says it); an unknown contract or one of another customer is a 404.
 */
export async function contractPage(c: Context<AppEnv>, contractId: number | null, tab: ContractTab, state?: PacksState | ((page: Data) => PacksState | undefined), status: 200 | 409 | 422 = 200) {
  const page = await getContractPage(c.var.db, c.var.session!.principal, contractId, tab === "packs");
  if (!page) return renderFailure(c, "not_found");
  const k = c.var.t.fleetContract;
  const title = page.contract ? fill(k.title, { contract: page.contract.contractNumber }) : k.titleNone;
  return renderPage(c, { title, status }, <ContractPage page={page} tab={tab} state={typeof state === "function" ? state(page) : state} />);
}

fleetContractRoutes.get("/fleet/contract", async (c) => {
  // The contract is the fleet managers' (003); a Service User sees only their own line.
  if (fleetRoleOf(c.var.session!.principal) === null) return renderFailure(c, "forbidden");
  const raw = c.req.query("contract");
  const contractId = raw === undefined || raw === "" ? null : idParam(raw);
  if (raw && contractId === null) return renderFailure(c, "not_found");
  const tab: ContractTab = c.req.query("tab") === "packs" ? "packs" : "plans";
  const done = c.req.query("done") as Done | undefined;
  if (tab !== "packs" || !done || !DONE.includes(done)) return contractPage(c, contractId, tab);
  const k = c.var.t.fleetContract.packs;
  // The notice's date is the open request's own, read with the page (never words from the address).
  return contractPage(c, contractId, tab, (page) => {
    if (done === "cancelled" || done === "alertSaved") return { notice: { kind: "ok", text: k.notices[done] } };
    const request = page.pack?.request;
    return request ? { notice: { kind: "ok", text: fill(k.notices[done], { date: longDay(c.var.locale, request.effectiveDate), provider: c.env.PROVIDER_NAME }) } } : undefined;
  });
});
