import { Hono, type Context } from "hono";
import * as z from "zod";
import { BulkChoosePage, type BulkChooseView } from "../../../views/fleet/bulk/BulkChoosePage.tsx";
import { BulkJobBlock, BulkJobPage, JOB_BLOCK_ID, jobTitle } from "../../../views/fleet/bulk/BulkJobPage.tsx";
import { BULK_KINDS, type BulkKind } from "../../db/schema/enums.ts";
import { randomToken } from "../../lib/crypto.ts";
import type { AppEnv } from "../../lib/env.ts";
import { idParam } from "../../lib/ids.ts";
import { redirectAfterPost, renderFailure, renderPage, renderPartial } from "../../lib/render.tsx";
import { found } from "../../lib/result.ts";
import { declare, right } from "../../lib/routes.ts";
import { validForm } from "../../lib/validation.ts";
import { bulkCatalog, cancelBulk, createBulkReview, getBulkPage, MAX_BULK_LINES, type PageQuery, runBulkChunks, startBulkApply, type BulkRequest } from "./bulk-service.ts";
import { managesFleet } from "./scope.ts";
import { readSelection, selectedLineIds } from "./selection.ts";

/** Fleet, part "bulk" (issue #10): plan and option changes for up to 10,000 selected lines. */
export const fleetBulkRoutes = new Hono<AppEnv>();

// Bulk changes are the fleet manager's (MANAGER, checked in each handler) with the right to manage the fleet.
declare({
  "GET /fleet/bulk/new": right("fleet", "manage"),
  "POST /fleet/bulk": right("fleet", "manage"),
  "GET /fleet/bulk/:id": right("fleet", "manage"),
  "POST /fleet/bulk/:id/apply": right("fleet", "manage"),
  "POST /fleet/bulk/:id/cancel": right("fleet", "manage"),
});

/** How long the apply request itself works before it shows the progress page (which continues). */
const APPLY_BUDGET_MS = 20_000;
/** Each look at the progress page (every second with htmx) applies one more chunk: no budget beyond it. */
const POLL_BUDGET_MS = 0;

const kindOf = (value: unknown): BulkKind => (BULK_KINDS.includes(value as BulkKind) ? (value as BulkKind) : "plan");
const asList = (value: unknown): string[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((v): v is string => typeof v === "string");
const idsOf = (value: unknown): number[] =>
  asList(value)
    .map((v) => idParam(v))
    .filter((v): v is number => v !== null);
const newKey = () => randomToken(18);

const notManager = (c: Context<AppEnv>) => !managesFleet(c.var.session!.principal);

/** The lines of the request: ids posted (or in the address), else the overview's selection. Null: an id outside the user's scope. */
async function linesOf(c: Context<AppEnv>, posted: number[]): Promise<{ ids: number[] | null; explicit: boolean }> {
  const session = c.var.session!;
  // Posted ids are checked like a stored selection: one outside the scope refuses them all.
  if (posted.length > 0) return { ids: posted.length > MAX_BULK_LINES ? posted : await selectedLineIds(c.var.db, session.principal, { mode: "ids", ids: posted }), explicit: true };
  const selection = await readSelection(c.env.KV, session);
  return { ids: await selectedLineIds(c.var.db, session.principal, selection), explicit: false };
}

async function choosePage(c: Context<AppEnv>, view: Omit<BulkChooseView, "catalog">, status: 200 | 422 = 200) {
  const catalog = await bulkCatalog(c.var.db);
  return renderPage(c, { title: c.var.t.fleetBulk.titles[view.kind], status }, <BulkChoosePage view={{ ...view, catalog }} />);
}

fleetBulkRoutes.get("/fleet/bulk/new", async (c) => {
  if (notManager(c)) return renderFailure(c, "forbidden");
  const kind = kindOf(c.req.query("kind"));
  const { ids, explicit } = await linesOf(c, idsOf(c.req.queries("line")));
  if (ids === null) return renderFailure(c, "not_found", c.var.t.fleetBulk.refused);
  return choosePage(c, { kind, lineIds: explicit ? ids : null, count: ids.length, key: newKey() });
});

const lineList = z.union([z.string(), z.array(z.string())]).optional();
const bulkSchema = z
  .object({
    kind: z.enum(BULK_KINDS, { error: "choice" }),
    key: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, { error: "required" }),
    plan: z.string().optional(),
    option: lineList,
    line: lineList,
  })
  .superRefine((form, ctx) => {
    if (form.kind === "plan" && idParam(form.plan) === null) ctx.addIssue({ code: "custom", path: ["plan"], message: "required" });
    if (form.kind !== "plan" && idsOf(form.option).length === 0) ctx.addIssue({ code: "custom", path: ["options"], message: "required" });
  });

/** The form again with what was chosen and the messages next to the fields (422); nothing is stored. */
async function invalidBulk(c: Context<AppEnv>, errors: Record<string, string | undefined>) {
  const b = c.var.t.fleetBulk;
  const body = await c.req.parseBody({ all: true }).catch(() => ({}) as Record<string, unknown>);
  const kind = kindOf(body.kind);
  const posted = idsOf(body.line);
  const { ids, explicit } = await linesOf(c, posted);
  const key = typeof body.key === "string" && /^[A-Za-z0-9_-]{16,64}$/.test(body.key) ? body.key : newKey();
  const fieldErrors = {
    plan: errors.plan ? b.planRequired : undefined,
    options: errors.options ? b.optionsRequired : undefined,
    lines: errors.lines,
  };
  return choosePage(
    c,
    {
      kind,
      lineIds: explicit ? (ids ?? []) : null,
      count: ids?.length ?? 0,
      key,
      values: { plan: typeof body.plan === "string" ? body.plan : undefined, options: asList(body.option) },
      errors: fieldErrors,
    },
    422,
  );
}

fleetBulkRoutes.post(
  "/fleet/bulk",
  validForm(bulkSchema, (c, _values, errors) => invalidBulk(c, errors)),
  async (c) => {
    if (notManager(c)) return renderFailure(c, "forbidden");
    const b = c.var.t.fleetBulk;
    const form = c.req.valid("form");
    const { ids } = await linesOf(c, idsOf(form.line));
    // One line outside the user's scope refuses the whole selection: nothing is stored.
    if (ids === null) return renderFailure(c, "not_found", b.refused);
    if (ids.length === 0) return invalidBulk(c, { lines: b.linesRequired });
    if (ids.length > MAX_BULK_LINES) return invalidBulk(c, { lines: b.tooManyLines });
    const catalog = await bulkCatalog(c.var.db);
    let request: BulkRequest;
    if (form.kind === "plan") {
      const planId = idParam(form.plan)!;
      if (!catalog.plans.some((p) => p.id === planId)) return invalidBulk(c, { plan: "required" });
      request = { kind: "plan", planId };
    } else {
      const optionIds = idsOf(form.option);
      if (!optionIds.every((id) => catalog.options.some((o) => o.id === id))) return invalidBulk(c, { options: "required" });
      request = { kind: form.kind, optionIds };
    }
    const created = await createBulkReview(c.var.db, c.var.session!.principal, request, ids, form.key);
    if (!created.ok) return renderFailure(c, created, created.error === "not_found" ? b.refused : undefined);
    return redirectAfterPost(c, `/${c.var.locale}/fleet/bulk/${created.value.id}`);
  },
);

function pageQuery(c: Context<AppEnv>): PageQuery {
  const after = idParam(c.req.query("after"));
  return { onlyChanges: c.req.query("only") === "changes", after, before: after === null ? idParam(c.req.query("before")) : null };
}

fleetBulkRoutes.get("/fleet/bulk/:id", async (c) => {
  if (notManager(c)) return renderFailure(c, "forbidden");
  const id = idParam(c.req.param("id"));
  const principal = c.var.session!.principal;
  const query = pageQuery(c);
  let page = id === null ? null : await getBulkPage(c.var.db, principal, id, query);
  // A job being applied goes on with each look at it (the apply request may have ended early).
  if (page && id !== null && page.job.status === "running") {
    await runBulkChunks(c.var.db, principal, id, POLL_BUDGET_MS);
    page = await getBulkPage(c.var.db, principal, id, query);
  }
  const lookup = found(page);
  if (!lookup.ok) return renderFailure(c, lookup);
  if (c.req.header("HX-Request") === "true" && c.req.header("HX-Target")?.endsWith(`#${JOB_BLOCK_ID}`)) return renderPartial(c, <BulkJobBlock page={lookup.value} query={query} />);
  return renderPage(c, { title: jobTitle(c.var.t, lookup.value) }, <BulkJobPage page={lookup.value} query={query} />);
});

fleetBulkRoutes.post("/fleet/bulk/:id/apply", async (c) => {
  if (notManager(c)) return renderFailure(c, "forbidden");
  const id = idParam(c.req.param("id"));
  if (id === null) return renderFailure(c, "not_found");
  const form = await c.req.parseBody();
  const key = typeof form.key === "string" ? form.key : "";
  const principal = c.var.session!.principal;
  const started = await startBulkApply(c.var.db, principal, id, key);
  if (!started.ok) return renderFailure(c, started);
  // Only the submit that moved the job from review to running works on it here; a double submit shows the same job.
  if (started.value === "started") await runBulkChunks(c.var.db, principal, id, APPLY_BUDGET_MS);
  return redirectAfterPost(c, `/${c.var.locale}/fleet/bulk/${id}`);
});

fleetBulkRoutes.post("/fleet/bulk/:id/cancel", async (c) => {
  if (notManager(c)) return renderFailure(c, "forbidden");
  const id = idParam(c.req.param("id"));
  if (id === null) return renderFailure(c, "not_found");
  const cancelled = await cancelBulk(c.var.db, c.var.session!.principal, id);
  if (!cancelled.ok) return renderFailure(c, cancelled);
  return redirectAfterPost(c, `/${c.var.locale}/fleet/bulk/${id}`);
});
