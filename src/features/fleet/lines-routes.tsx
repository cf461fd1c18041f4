import { type Context, Hono } from "hono";
import { FleetHome } from "../../../views/fleet/FleetHome.tsx";
import { LinesPage } from "../../../views/fleet/LinesPage.tsx";
import { SelectionBar } from "../../../views/fleet/lines/SelectionBar.tsx";
import { download } from "../../lib/downloads.ts";
import type { AppEnv } from "../../lib/env.ts";
import { idParam } from "../../lib/ids.ts";
import { redirectAfterPost, renderFailure, renderPage, renderPartial } from "../../lib/render.tsx";
import { declare, right } from "../../lib/routes.ts";
import { brusselsDate } from "../../lib/workdays.ts";
import { type Cell, xlsxStream } from "./export.ts";
import { countSelected, idsInScope, type LineRow, linesInChunks, listLines, PAGE_SIZE, parseLinesQuery } from "./lines-service.ts";
import { managesFleet } from "./scope.ts";
import { clearSelection, filterCondition, type LinesFilter, normalizeFilter, readSelection, type Selection, selectedLineIds, selectionCondition, writeSelection } from "./selection.ts";

/** Fleet, part "lines" (issue #10): the dashboard, the SIM overview, its selection and its export. */
export const fleetLinesRoutes = new Hono<AppEnv>();

// Seeing the fleet needs the view right; the export is a fleet manager's (MANAGER) tool.
declare({
  "GET /fleet": right("fleet", "view"),
  "GET /fleet/lines": right("fleet", "view"),
  "GET /fleet/lines.xlsx": right("fleet", "view"),
  "POST /fleet/selection": right("fleet", "view"),
  "POST /fleet/selection/all": right("fleet", "view"),
  "POST /fleet/selection/clear": right("fleet", "view"),
});

/** Only a way back into the overview is followed after a post: never an address from elsewhere. */
function backTo(c: Context<AppEnv>, value: unknown): string {
  const list = `/${c.var.locale}/fleet/lines`;
  return typeof value === "string" && (value === list || value.startsWith(`${list}?`)) ? value : list;
}

function formIds(field: unknown): number[] {
  return (Array.isArray(field) ? field : field === undefined ? [] : [field]).map((v) => idParam(typeof v === "string" ? v : undefined)).filter((v): v is number => v !== null);
}

/** The filter the posted page was showing (its hidden fields). */
function formFilter(form: Record<string, unknown>): LinesFilter {
  const text = (name: string) => (typeof form[name] === "string" ? (form[name] as string) : undefined);
  return normalizeFilter({ q: text("q"), status: text("status"), plan: idParam(text("plan")) });
}

const sameFilter = (a: LinesFilter, b: LinesFilter) => a.q === b.q && a.status === b.status && a.plan === b.plan;

/** The one line of a one-line selection (the bar then links to its page). */
const singleOf = (s: Selection, count: number) => (count === 1 && s.mode === "ids" && s.ids.length === 1 ? s.ids[0]! : null);

fleetLinesRoutes.get("/fleet", (c) => renderPage(c, { title: c.var.t.fleetLines.home.title }, <FleetHome />));

fleetLinesRoutes.get("/fleet/lines", async (c) => {
  const session = c.var.session!;
  const query = parseLinesQuery((name) => c.req.query(name));
  const selection = await readSelection(c.env.KV, session);
  const overview = await listLines(c.var.db, session.principal, query, selection);
  return renderPage(c, { title: c.var.t.fleetLines.title }, <LinesPage query={query} overview={overview} singleId={singleOf(selection, overview.selectedCount)} />);
});

fleetLinesRoutes.post("/fleet/selection", async (c) => {
  const session = c.var.session!;
  const { db } = c.var;
  const form = await c.req.parseBody({ all: true });
  // A tampered or foreign id is dropped here: only the principal's lines on the page count.
  const allowed = new Set(await idsInScope(db, session.principal, formIds(form.shown).slice(0, PAGE_SIZE)));
  const shown = [...allowed];
  const checked = new Set(formIds(form.selected).filter((id) => allowed.has(id)));
  let current = await readSelection(c.env.KV, session);
  // "All matching" of another filter than this page's: from now on it is the ids it meant.
  if (current.mode === "all" && !sameFilter(current.filter, formFilter(form))) current = { mode: "ids", ids: (await selectedLineIds(db, session.principal, current)) ?? [] };
  let next: Selection;
  if (current.mode === "all") {
    const except = new Set(current.except);
    for (const id of shown) checked.has(id) ? except.delete(id) : except.add(id);
    next = { mode: "all", filter: current.filter, except: [...except] };
  } else {
    const shownSet = new Set(shown);
    const kept = current.ids.filter((id) => !shownSet.has(id));
    next = { mode: "ids", ids: [...kept, ...shown.filter((id) => checked.has(id))] };
  }
  await writeSelection(c.env.KV, session, next);
  // A pager or sort button of the list's form: the ticks of this page are kept, then that page is shown.
  const page = typeof form.page === "string" ? backTo(c, form.page) : null;
  const back = page ?? backTo(c, form.back);
  if (c.req.header("HX-Request") === "true" && page === null) {
    const count = await countSelected(db, session.principal, next);
    return renderPartial(c, <SelectionBar count={count} back={back} singleId={singleOf(next, count)} />);
  }
  return redirectAfterPost(c, back);
});

/** "Select all N matching": the filter is stored, not its ids (a fleet of 10,000 stays a few bytes). */
fleetLinesRoutes.post("/fleet/selection/all", async (c) => {
  const form = await c.req.parseBody();
  await writeSelection(c.env.KV, c.var.session!, { mode: "all", filter: formFilter(form), except: [] });
  return redirectAfterPost(c, backTo(c, form.back));
});

fleetLinesRoutes.post("/fleet/selection/clear", async (c) => {
  const form = await c.req.parseBody();
  await clearSelection(c.env.KV, c.var.session!);
  return redirectAfterPost(c, backTo(c, form.back));
});

/** Every matching row (or the selection's), in the overview's order, as a streamed .xlsx. */
fleetLinesRoutes.get("/fleet/lines.xlsx", async (c) => {
  const session = c.var.session!;
  const { principal } = session;
  if (!managesFleet(principal)) return renderFailure(c, "forbidden");
  const t = c.var.t;
  const l = t.fleetLines;
  const col = t.fleet.column;
  const query = parseLinesQuery((name) => c.req.query(name));
  const condition = c.req.query("selection") === "1" ? selectionCondition(await readSelection(c.env.KV, session)) : filterCondition(query.filter);
  const chunks = linesInChunks(c.var.db, principal, condition, query.sort, query.dir);
  const cells = (row: LineRow): Cell[] => [
    row.msisdn,
    row.description,
    row.planName,
    t.fleet.statuses[row.status],
    row.billingAccount,
    row.options,
    [row.userFirstName, row.userLastName].filter(Boolean).join(" "),
    row.iccid,
    row.activationDate ? { date: row.activationDate } : null,
    { money: row.monthlyCents },
  ];
  async function* rows() {
    for await (const chunk of chunks) yield chunk.map(cells);
  }
  const columns = [
    { header: col.phoneNumber, width: 14 },
    { header: col.description, width: 28 },
    { header: col.plan, width: 20 },
    { header: col.status, width: 12 },
    { header: col.billingAccount, width: 16 },
    { header: col.options, width: 36 },
    { header: l.export.user, width: 24 },
    { header: l.export.iccid, width: 24 },
    { header: l.export.activationDate, width: 14 },
    { header: l.export.monthly, width: 14 },
  ];
  return download(xlsxStream(l.export.sheet, columns, rows()), {
    type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    name: `${l.export.file}-${brusselsDate(Date.now())}.xlsx`,
  });
});
