import { and, asc, desc, eq, isNotNull, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { FleetRole } from "../../db/schema/enums.ts";
import { lineDelegations, memberships, mobileLines, users } from "../../db/schema/index.ts";
import { auditInsert } from "../../lib/audit.ts";
import { can, type Principal } from "../../lib/principal.ts";
import { fail, type Fail, ok, type Result } from "../../lib/result.ts";
import type { Session } from "../../lib/session.ts";
import { mayManage } from "../users/rules.ts";
import { createUser, resendInvitation } from "../users/service.ts";
import { formatMsisdn } from "./msisdn.ts";
import { linesInScope, managesFleet } from "./scope.ts";
import { filterCondition } from "./selection.ts";

/**
 * Fleet, part "managers" (003 "Gérer les profils utilisateur"): the account's users with a fleet
 * role, creating one (through the Access module's createUser and its invitation), their role, the
 * lines delegated to a MEMBER, and resending an invitation (the Access module's resendInvitation).
 */

export const MANAGERS_PAGE_SIZE = 25;
/** How many lines one form delegates at most (the page lists them all, ticked). */
export const MAX_DELEGATED = 200;
/** How many lines a search shows at once. */
export const LINE_RESULTS = 20;
/** How many numbers the list shows per member before "and N more". */
const NUMBERS_SHOWN = 3;

/** Who manages fleet users: a MANAGER with the right to manage the fleet. */
export function mayManageManagers(principal: Principal): boolean {
  return managesFleet(principal) && can(principal, "fleet", "manage");
}

export const MANAGER_SORTS = ["name", "role", "status"] as const;
export type ManagerSort = (typeof MANAGER_SORTS)[number];
export type ManagersQuery = { q: string; sort: ManagerSort; dir: "asc" | "desc"; page: number };

export function parseManagersQuery(get: (name: string) => string | undefined): ManagersQuery {
  const sort = get("sort");
  const page = Number(get("page"));
  return {
    q: (get("q") ?? "").trim().slice(0, 100),
    sort: (MANAGER_SORTS as readonly string[]).includes(sort ?? "") ? (sort as ManagerSort) : "name",
    dir: get("dir") === "desc" ? "desc" : "asc",
    page: Number.isSafeInteger(page) && page >= 1 && page <= 100_000 ? page : 1,
  };
}

/** The account's users with a fleet role; a third party's administrator sees only their own organisation's. */
function managersOf(principal: Principal): SQL {
  const account = and(eq(memberships.customerId, principal.customerId), isNotNull(memberships.fleetRole))!;
  return principal.thirdPartyId === null ? account : and(account, eq(memberships.thirdPartyId, principal.thirdPartyId))!;
}

const fullName = sql<string>`(${users.firstName} || ' ' || ${users.lastName})`;

const sortOrders: Record<ManagerSort, SQL[]> = {
  name: [sql`${fullName} COLLATE NOCASE`],
  role: [sql`${memberships.fleetRole}`, sql`${fullName} COLLATE NOCASE`],
  // A status is a step in a user's life: invited, validated, deactivated (as My users sorts it).
  status: [sql`CASE ${users.status} WHEN 'INVITED' THEN 0 WHEN 'VALIDATED' THEN 1 ELSE 2 END`, sql`${fullName} COLLATE NOCASE`],
};

function containing(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

function listFilter(principal: Principal, q: string): SQL {
  if (!q) return managersOf(principal);
  const pattern = containing(q);
  return and(managersOf(principal), sql`(lower(${fullName}) LIKE ${pattern} ESCAPE '\\' OR ${users.usernameKey} LIKE ${pattern} ESCAPE '\\' OR lower(${users.email}) LIKE ${pattern} ESCAPE '\\')`)!;
}

/** The first numbers delegated to a member (of this account's lines), and how many there are. */
function delegatedNumbers(customerId: number) {
  return {
    numbers: sql<
      string | null
    >`(SELECT group_concat(msisdn, ',') FROM (SELECT l.msisdn AS msisdn FROM line_delegations d JOIN mobile_lines l ON l.id = d.line_id WHERE d.user_id = ${users.id} AND l.customer_id = ${customerId} AND l.msisdn IS NOT NULL ORDER BY l.msisdn LIMIT ${NUMBERS_SHOWN}))`,
    numberCount: sql<number>`(SELECT count(*) FROM line_delegations d JOIN mobile_lines l ON l.id = d.line_id WHERE d.user_id = ${users.id} AND l.customer_id = ${customerId})`,
  };
}

export type ManagerRow = {
  id: number;
  firstName: string;
  lastName: string;
  username: string;
  role: FleetRole;
  status: "INVITED" | "VALIDATED" | "DEACTIVATED";
  numbers: string[];
  numberCount: number;
};
export type ManagersList = { rows: ManagerRow[]; total: number; pages: number };

/** One page of the account's fleet managers with the count of matches: one batched round trip. */
export async function listManagers(db: Db, principal: Principal, query: ManagersQuery): Promise<ManagersList> {
  const where = listFilter(principal, query.q);
  const direction = query.dir === "desc" ? desc : asc;
  const [rows, totals] = await db.batch([
    db
      .select({
        id: users.id,
        firstName: users.firstName,
        lastName: users.lastName,
        username: users.username,
        role: memberships.fleetRole,
        status: users.status,
        ...delegatedNumbers(principal.customerId),
      })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(where)
      .orderBy(...sortOrders[query.sort].map((column) => direction(column)), direction(users.id))
      .limit(MANAGERS_PAGE_SIZE)
      .offset((query.page - 1) * MANAGERS_PAGE_SIZE),
    db.select({ n: sql<number>`count(*)` }).from(memberships).innerJoin(users, eq(users.id, memberships.userId)).where(where),
  ]);
  const total = Number(totals[0]?.n ?? 0);
  return {
    rows: rows.map((r) => ({ ...r, role: r.role as FleetRole, numbers: r.role === "MEMBER" && r.numbers ? r.numbers.split(",") : [], numberCount: r.role === "MEMBER" ? Number(r.numberCount) : 0 })),
    total,
    pages: Math.max(1, Math.ceil(total / MANAGERS_PAGE_SIZE)),
  };
}

export type LineChoice = { id: number; msisdn: string | null; description: string; iccid: string };
const lineChoice = { id: mobileLines.id, msisdn: mobileLines.msisdn, description: mobileLines.description, iccid: mobileLines.iccid };

const idList = (ids: number[]) => sql`${mobileLines.id} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`;

/** The lines of the principal's scope matching a search, without those already ticked; LINE_RESULTS + 1 to tell "more". */
function searchQuery(db: Db, principal: Principal, q: string, exclude: number[], memberId: number | null = null) {
  return db
    .select(lineChoice)
    .from(mobileLines)
    .where(
      and(
        linesInScope(principal),
        filterCondition({ q, status: null, plan: null }),
        exclude.length > 0 ? sql`NOT ${idList(exclude)}` : undefined,
        // A member's stored lines are listed above the search, ticked or not: never again among its results.
        memberId === null ? undefined : sql`${mobileLines.id} NOT IN (SELECT line_id FROM line_delegations WHERE user_id = ${memberId})`,
      ),
    )
    .orderBy(asc(mobileLines.msisdn), asc(mobileLines.id))
    .limit(LINE_RESULTS + 1);
}

function chosenQuery(db: Db, principal: Principal, ids: number[]) {
  return db
    .select(lineChoice)
    .from(mobileLines)
    .where(and(linesInScope(principal), idList(ids)))
    .orderBy(asc(mobileLines.msisdn), asc(mobileLines.id));
}

/** chosen: the ticked lines; kept: a member's stored lines the form has unticked (still listed, so a save takes them back). */
export type LinePicker = { q: string; chosen: LineChoice[]; kept: LineChoice[]; results: LineChoice[] | null; more: boolean };

/**
 * What the search-and-tick list shows: the ticked lines (those of the account only) and, when
 * something is searched, the lines it finds: one round trip.
 */
export async function linePicker(db: Db, principal: Principal, q: string, ticked: number[]): Promise<LinePicker> {
  const ids = ticked.slice(0, MAX_DELEGATED);
  const text = q.trim().slice(0, 100);
  if (!text) return { q: text, chosen: ids.length > 0 ? await chosenQuery(db, principal, ids) : [], kept: [], results: null, more: false };
  const [chosen, found] = await db.batch([chosenQuery(db, principal, ids), searchQuery(db, principal, text, ids)]);
  return { q: text, chosen, kept: [], results: found.slice(0, LINE_RESULTS), more: found.length > LINE_RESULTS };
}

/** The lines of these ids in the principal's scope; null when one is not (a posted id is never trusted). */
async function linesOf(db: Db, principal: Principal, ids: number[]): Promise<LineChoice[] | null> {
  if (ids.length === 0) return [];
  const rows = await chosenQuery(db, principal, ids);
  return rows.length === ids.length ? rows : null;
}

/** How an audit event names lines: by their number as people read it (or the SIM number of a line without one). */
const numbersOf = (lines: LineChoice[]) => lines.map((line) => formatMsisdn(line.msisdn) || line.iccid);

const delegationInserts = (db: Db, userId: number, customerId: number, ids: number[]) =>
  ids.length === 0
    ? []
    : [
        db.run(
          sql`INSERT OR IGNORE INTO line_delegations (line_id, user_id) SELECT id, ${userId} FROM mobile_lines WHERE customer_id = ${customerId} AND id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`,
        ),
      ];

/** The fleet functions a fleet manager gets on this account: view and manage (a MEMBER manages their delegated lines). */
const fleetGrants = (db: Db, customerId: number, userId: number, grantedBy: number | null, now: number) =>
  db.run(
    sql`INSERT OR IGNORE INTO grants (membership_id, application_id, item_kind, item_id, granted_by_user_id, granted_at)
        SELECT m.id, a.id, 'function', f.id, ${grantedBy}, ${now}
        FROM memberships m, applications a JOIN application_functions f ON f.application_id = a.id
        WHERE m.user_id = ${userId} AND m.customer_id = ${customerId} AND a.code = 'fleet' AND f.code IN ('view', 'manage')`,
  );

export type CreateManagerInput = { username: string; firstName: string; lastName: string; email: string; language: "nl" | "fr" | "en"; role: FleetRole; lines: number[] };

export type CreateManagerResult = Result<
  { id: number; username: string; email: string },
  Fail<"forbidden", { reason: "cannotGrant" }> | Fail<"invalid", { reason: "usernameTaken" | "lines" | "tooManyLines" }>
>;

/**
 * 003 "Créer un nouveau fleet manager": a portal user of this account, INVITED, through the Access
 * module (same checks, same invitation e-mail), with the fleet role, the fleet functions and, for a
 * MEMBER, the delegated lines, all in createUser's one batch.
 */
export async function createManager(db: Db, session: Session, input: CreateManagerInput, origin: string, now = Date.now()): Promise<CreateManagerResult> {
  const { principal } = session;
  const lines = input.role === "MEMBER" ? [...new Set(input.lines)] : [];
  if (lines.length > MAX_DELEGATED) return fail("invalid", { reason: "tooManyLines" as const });
  const chosen = await linesOf(db, principal, lines);
  if (!chosen) return fail("invalid", { reason: "lines" as const });
  const user = {
    username: input.username,
    firstName: input.firstName,
    lastName: input.lastName,
    email: input.email,
    language: input.language,
    gender: "x" as const,
    securityQuestion: "",
    securityAnswer: "",
    profile: "portal" as const,
  };
  // A portal user without any Access right: the fleet functions are granted below.
  const noRights = { manageAdmins: undefined, manageUsers: undefined, resetPasswords: undefined, ftpAccess: undefined, purchaser: undefined, incidentManager: undefined, financialManager: undefined };
  const result = await createUser(db, session, { ...user, ...noRights }, origin, now, {
    membership: { fleetRole: input.role },
    statements: (id) => [
      fleetGrants(db, principal.customerId, id, session.userId, now),
      ...delegationInserts(db, id, principal.customerId, lines),
      auditInsert(
        db,
        {
          actor: principal.actor,
          customerId: principal.customerId,
          action: "fleet.manager_created",
          subject: `user:${id}`,
          after: { id, username: input.username, fleetRole: input.role, delegatedLines: numbersOf(chosen) },
        },
        now,
      ),
    ],
  });
  if (!result.ok) return result.error === "forbidden" ? fail("forbidden", { reason: "cannotGrant" as const }) : fail("invalid", { reason: "usernameTaken" as const });
  return result;
}

export type ManagerDetail = {
  id: number;
  username: string;
  firstName: string;
  lastName: string;
  email: string;
  language: string;
  status: "INVITED" | "VALIDATED" | "DEACTIVATED";
  role: FleetRole;
  profile: "owner" | "manager" | "portal" | "service";
  manageAdmins: boolean;
  resetPasswords: boolean;
  ftpAccess: boolean;
  lines: LineChoice[];
};

function detailQuery(db: Db, principal: Principal, id: number) {
  return db
    .select({
      id: users.id,
      username: users.username,
      firstName: users.firstName,
      lastName: users.lastName,
      email: users.email,
      language: users.language,
      status: users.status,
      role: memberships.fleetRole,
      profile: memberships.profile,
      manageAdmins: memberships.manageAdmins,
      resetPasswords: memberships.resetPasswords,
      ftpAccess: memberships.ftpAccess,
      membershipId: memberships.id,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(managersOf(principal), eq(users.id, id)))
    .limit(1);
}

function delegatedQuery(db: Db, principal: Principal, id: number) {
  return db
    .select(lineChoice)
    .from(lineDelegations)
    .innerJoin(mobileLines, eq(mobileLines.id, lineDelegations.lineId))
    .where(and(eq(lineDelegations.userId, id), eq(mobileLines.customerId, principal.customerId)))
    .orderBy(asc(mobileLines.msisdn), asc(mobileLines.id))
    .limit(MAX_DELEGATED);
}

/** One fleet manager of the account with their delegated lines (one round trip); null out of scope. */
export async function findManager(db: Db, principal: Principal, id: number): Promise<ManagerDetail | null> {
  const [[row], lines] = await db.batch([detailQuery(db, principal, id), delegatedQuery(db, principal, id)]);
  if (!row) return null;
  return { ...row, role: row.role as FleetRole, lines };
}

/** The page's data with a search of lines to delegate: still one round trip. */
export async function managerPage(db: Db, principal: Principal, id: number, q: string, ticked: number[] | null) {
  const text = q.trim().slice(0, 100);
  const tickedIds = ticked?.slice(0, MAX_DELEGATED) ?? null;
  const [[row], delegated, chosen, found] = await db.batch([
    detailQuery(db, principal, id),
    delegatedQuery(db, principal, id),
    chosenQuery(db, principal, tickedIds ?? []),
    text ? searchQuery(db, principal, text, tickedIds ?? [], id) : chosenQuery(db, principal, []),
  ]);
  if (!row) return null;
  const manager: ManagerDetail = { ...row, role: row.role as FleetRole, lines: delegated };
  // Without ticks sent, the ticked lines are the stored ones; with them, a stored line left unticked is still listed.
  const picked = tickedIds === null ? delegated : chosen;
  const pickedIds = new Set(picked.map((l) => l.id));
  const kept = tickedIds === null ? [] : delegated.filter((l) => !pickedIds.has(l.id));
  const results = text ? found : null;
  const picker: LinePicker = { q: text, chosen: picked, kept, results: results?.slice(0, LINE_RESULTS) ?? null, more: (results?.length ?? 0) > LINE_RESULTS };
  return { manager, picker };
}

/** Whether another MANAGER of the account (not deactivated) remains besides this user. */
function otherManagers(db: Db, customerId: number, userId: number) {
  return db
    .select({ n: sql<number>`count(*)` })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.customerId, customerId), eq(memberships.fleetRole, "MANAGER"), sql`${users.id} <> ${userId}`, sql`${users.status} <> 'DEACTIVATED'`));
}

export type RoleResult = Result<
  { changed: boolean; manager: ManagerDetail },
  Fail<"not_found"> | Fail<"forbidden", { reason: "cannotManage" }> | Fail<"conflict", { reason: "self" | "lastManager"; manager: ManagerDetail }>
>;

/** MANAGER ↔ MEMBER. Never one's own role, never the account's last manager; a MEMBER's delegations are kept. */
export async function changeRole(db: Db, session: Session, id: number, role: FleetRole, now = Date.now()): Promise<RoleResult> {
  const { principal } = session;
  const [[row], delegated, [others]] = await db.batch([detailQuery(db, principal, id), delegatedQuery(db, principal, id), otherManagers(db, principal.customerId, id)]);
  if (!row) return fail("not_found");
  const manager: ManagerDetail = { ...row, role: row.role as FleetRole, lines: delegated };
  if (!mayManage(principal, manager)) return fail("forbidden", { reason: "cannotManage" as const });
  if (manager.role === role) return ok({ changed: false, manager });
  if (session.userId === id) return fail("conflict", { reason: "self" as const, manager });
  if (manager.role === "MANAGER" && Number(others?.n ?? 0) === 0) return fail("conflict", { reason: "lastManager" as const, manager });
  // Guarded in the statement too: two managers demoting each other at once leave one MANAGER.
  const stillAnother = sql`EXISTS (SELECT 1 FROM memberships o JOIN users u ON u.id = o.user_id WHERE o.customer_id = ${principal.customerId} AND o.fleet_role = 'MANAGER' AND o.user_id <> ${id} AND u.status <> 'DEACTIVATED')`;
  const before = JSON.stringify({ id, username: row.username, fleetRole: manager.role });
  const after = JSON.stringify({ id, username: row.username, fleetRole: role });
  const [updated] = await db.batch([
    db
      .update(memberships)
      .set({ fleetRole: role })
      .where(and(eq(memberships.id, row.membershipId), eq(memberships.fleetRole, manager.role), role === "MEMBER" ? stillAnother : undefined)),
    // The audit event only when the update above changed the row (changes() of the statement before).
    db.run(
      sql`INSERT INTO audit_events (at, actor, customer_id, action, before, after, subject) SELECT ${now}, ${principal.actor}, ${principal.customerId}, 'fleet.manager_role', ${before}, ${after}, ${`user:${id}`} WHERE changes() > 0`,
    ),
    ...(role === "MANAGER" ? [fleetGrants(db, principal.customerId, id, session.userId, now)] : []),
  ]);
  if (updated.rowsAffected === 0) return fail("conflict", { reason: "lastManager" as const, manager });
  return ok({ changed: true, manager: { ...manager, role } });
}

export type DelegationResult = Result<
  { changed: boolean; manager: ManagerDetail },
  | Fail<"not_found">
  | Fail<"forbidden", { reason: "cannotManage" }>
  | Fail<"conflict", { reason: "notMember"; manager: ManagerDetail }>
  | Fail<"invalid", { reason: "lines" | "tooManyLines"; manager: ManagerDetail }>
>;

/**
 * The lines delegated to a MEMBER, as the form shows them: a ticked line is delegated, a line the
 * form showed (`shown`) and left unticked is taken back; lines the form did not show stay as they
 * are (a member with more lines than one form lists, or a line delegated meanwhile by someone else).
 * Ticked lines must be this account's; nothing is stored otherwise.
 */
export async function saveDelegations(db: Db, session: Session, id: number, lineIds: number[], shownIds: number[], now = Date.now()): Promise<DelegationResult> {
  const { principal } = session;
  const ticked = [...new Set(lineIds)];
  const shown = [...new Set([...shownIds, ...ticked])].slice(0, 4 * MAX_DELEGATED);
  const [[row], lines, existingRows] = await db.batch([
    detailQuery(db, principal, id),
    delegatedQuery(db, principal, id),
    db
      .select({ ...lineChoice, lineId: lineDelegations.lineId })
      .from(lineDelegations)
      .innerJoin(mobileLines, eq(mobileLines.id, lineDelegations.lineId))
      .where(and(eq(lineDelegations.userId, id), eq(mobileLines.customerId, principal.customerId), sql`${lineDelegations.lineId} IN (SELECT value FROM json_each(${JSON.stringify(shown)}))`)),
  ]);
  if (!row) return fail("not_found");
  const manager: ManagerDetail = { ...row, role: row.role as FleetRole, lines };
  if (!mayManage(principal, manager)) return fail("forbidden", { reason: "cannotManage" as const });
  if (manager.role !== "MEMBER") return fail("conflict", { reason: "notMember" as const, manager });
  if (ticked.length > MAX_DELEGATED) return fail("invalid", { reason: "tooManyLines" as const, manager });
  const tickedLines = await linesOf(db, principal, ticked);
  if (!tickedLines) return fail("invalid", { reason: "lines" as const, manager });
  const existing = new Set(existingRows.map((r) => r.lineId));
  const addedLines = tickedLines.filter((line) => !existing.has(line.id));
  const removedLines = existingRows.filter((line) => !ticked.includes(line.lineId));
  const added = addedLines.map((line) => line.id);
  const removed = removedLines.map((line) => line.lineId);
  if (added.length === 0 && removed.length === 0) return ok({ changed: false, manager });
  await db.batch([
    db.run(sql`DELETE FROM line_delegations WHERE user_id = ${id} AND line_id IN (SELECT value FROM json_each(${JSON.stringify(removed)}))`),
    ...delegationInserts(db, id, principal.customerId, added),
    auditInsert(
      db,
      {
        actor: principal.actor,
        customerId: principal.customerId,
        action: "fleet.manager_lines",
        subject: `user:${id}`,
        before: { id, username: manager.username },
        after: { id, username: manager.username, linesAdded: numbersOf(addedLines), linesRemoved: numbersOf(removedLines) },
      },
      now,
    ),
  ]);
  return ok({ changed: true, manager });
}

export type ResendManagerResult = Result<
  { sent: boolean; manager: ManagerDetail },
  Fail<"not_found"> | Fail<"forbidden", { reason: "cannotManage" }> | Fail<"conflict", { reason: "notInvited"; manager: ManagerDetail }>
>;

/** 003 "Renvoyer des invitations", only for a fleet manager of this account, through the Access module (its pause against double clicks). */
export async function resendManagerInvitation(db: Db, session: Session, id: number, origin: string, now = Date.now()): Promise<ResendManagerResult> {
  const manager = await findManager(db, session.principal, id);
  if (!manager) return fail("not_found");
  const result = await resendInvitation(db, session, id, origin, now);
  if (result.ok) return ok({ sent: result.value.sent, manager });
  if (result.error === "conflict") return fail("conflict", { reason: "notInvited" as const, manager });
  if (result.error === "forbidden") return fail("forbidden", { reason: "cannotManage" as const });
  return fail("not_found");
}
