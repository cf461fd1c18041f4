import { and, asc, count, desc, eq, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { type Db, isUniqueViolation } from "../../db/client.ts";
import { credentialTokens, memberships, users } from "../../db/schema/index.ts";
import type { FleetRole } from "../../db/schema/enums.ts";
import { auditInsert } from "../../lib/audit.ts";
import { hashPassword } from "../../lib/password.ts";
import type { Principal } from "../../lib/principal.ts";
import { fail, ok, type Fail, type Result } from "../../lib/result.ts";
import type { Session } from "../../lib/session.ts";
import { invitationStatements, resendInvitationStatements } from "./invitation.ts";
import { grantable, mayManage, newUserRights, nothingGrantable, resolveRights, sameRights, type Rights, type SentRights } from "./rules.ts";
import type { CreateUserInput, EditUserInput, ListQuery } from "./schemas.ts";

export const PAGE_SIZE = 25;
/** A second resend within this time is taken for a double click: nothing is sent twice. */
export const RESEND_PAUSE_MS = 60_000;

/**
 * The users an administrator sees: those with a membership on the active account. A third
 * party's administrator (a router) sees only their own organisation's people on it.
 */
function inScope(principal: Principal): SQL {
  const account = eq(memberships.customerId, principal.customerId);
  return principal.thirdPartyId === null ? account : and(account, eq(memberships.thirdPartyId, principal.thirdPartyId))!;
}

const rightsColumns = {
  profile: memberships.profile,
  purchaser: memberships.purchaser,
  incidentManager: memberships.incidentManager,
  financialManager: memberships.financialManager,
  manageAdmins: memberships.manageAdmins,
  manageUsers: memberships.manageUsers,
  resetPasswords: memberships.resetPasswords,
  ftpAccess: memberships.ftpAccess,
};

const rowColumns = {
  id: users.id,
  username: users.username,
  firstName: users.firstName,
  lastName: users.lastName,
  email: users.email,
  createdByLabel: users.createdByLabel,
  status: users.status,
  profile: memberships.profile,
  manageAdmins: memberships.manageAdmins,
  resetPasswords: memberships.resetPasswords,
  ftpAccess: memberships.ftpAccess,
};

// Offset paging sorts the account's users on each request: measured at ~3 ms for a first page
// and ~20 ms for page 300 of 10,000 in libSQL; a search narrows it long before that.
const sortOrders: Record<ListQuery["sort"], SQL[]> = {
  username: [sql`${users.usernameKey}`],
  name: [sql`${users.lastName} COLLATE NOCASE`, sql`${users.firstName} COLLATE NOCASE`],
  email: [sql`${users.email} COLLATE NOCASE`],
  createdBy: [sql`${users.createdByLabel} COLLATE NOCASE`],
  // A status is a step in a user's life, not a word: invited, then validated, then deactivated, in
  // every language (its stored code sorts DEACTIVATED first, and its label sorts differently per language).
  status: [sql`CASE ${users.status} WHEN 'INVITED' THEN 0 WHEN 'VALIDATED' THEN 1 ELSE 2 END`],
};

/** A trigram index matches 3 characters or more; a shorter search reads the account's users. */
const TRIGRAM = 3;

/** The user's text as one FTS5 phrase, taken literally: a quote only matches a quote. */
const phrase = (text: string) => `"${text.replace(/"/g, '""')}"`;

/** LIKE with the user's text taken literally: % and _ match only themselves. */
function containing(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

function listFilter(principal: Principal, query: ListQuery): SQL {
  const conditions: (SQL | undefined)[] = [inScope(principal)];
  if (query.status) conditions.push(eq(users.status, query.status));
  if (query.q && query.q.length >= TRIGRAM) {
    // The trigram index (migration 0008) finds the substring without reading every user.
    conditions.push(sql`${users.id} IN (SELECT rowid FROM users_search WHERE users_search MATCH ${phrase(query.q)})`);
  } else if (query.q) {
    const pattern = containing(query.q);
    conditions.push(
      or(sql`${users.usernameKey} LIKE ${pattern} ESCAPE '\\'`, sql`(${users.firstName} || ' ' || ${users.lastName}) LIKE ${pattern} ESCAPE '\\'`, sql`${users.email} LIKE ${pattern} ESCAPE '\\'`),
    );
  }
  return and(...conditions)!;
}

export type UserRow = Awaited<ReturnType<typeof listUsers>>["rows"][number];

/**
 * One page of "My users" with the total and, after a change, the user the notice names:
 * one batched round trip, never the whole list.
 */
export async function listUsers(db: Db, principal: Principal, query: ListQuery, noticeUserId: number | null = null) {
  const where = listFilter(principal, query);
  const direction = query.dir === "desc" ? desc : asc;
  const [rows, [total], [noticeUser]] = await db.batch([
    db
      .select(rowColumns)
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(where)
      .orderBy(...sortOrders[query.sort].map((column) => direction(column)), direction(users.id))
      .limit(PAGE_SIZE)
      .offset((query.page - 1) * PAGE_SIZE),
    // Without a search the count needs only the membership index, not the users.
    query.q || query.status
      ? db.select({ n: count() }).from(memberships).innerJoin(users, eq(users.id, memberships.userId)).where(where)
      : db.select({ n: count() }).from(memberships).where(inScope(principal)),
    db
      .select({ username: users.username, email: users.email })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(inScope(principal), eq(users.id, noticeUserId ?? 0)))
      .limit(1),
  ]);
  const totalCount = total?.n ?? 0;
  return { rows, total: totalCount, pages: Math.max(1, Math.ceil(totalCount / PAGE_SIZE)), noticeUser: noticeUser ?? null };
}

/** One user of the account with their membership; null when the id is not in the principal's scope. */
export async function findManagedUser(db: Db, principal: Principal, id: number) {
  const [row] = await db
    .select({
      id: users.id,
      username: users.username,
      email: users.email,
      firstName: users.firstName,
      lastName: users.lastName,
      gender: users.gender,
      language: users.language,
      status: users.status,
      membershipId: memberships.id,
      ...rightsColumns,
      otherAccounts: sql<number>`(SELECT count(*) FROM memberships o WHERE o.user_id = ${users.id} AND o.customer_id <> ${principal.customerId})`,
      lastInvitationAt: sql<number | null>`(SELECT max(t.created_at) FROM credential_tokens t WHERE t.user_id = ${users.id} AND t.purpose = 'invitation')`,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(inScope(principal), eq(users.id, id)))
    .limit(1);
  return row ?? null;
}

export type ManagedUser = NonNullable<Awaited<ReturnType<typeof findManagedUser>>>;

export function rightsOf(user: ManagedUser): Rights {
  const { profile, purchaser, incidentManager, financialManager, manageAdmins, manageUsers, resetPasswords, ftpAccess } = user;
  return { profile, purchaser, incidentManager, financialManager, manageAdmins, manageUsers, resetPasswords, ftpAccess };
}

/** What the edit form may change for this user: nothing of one's own rights. */
export function grantableFor(principal: Principal, actorUserId: number | null, user: ManagedUser) {
  return actorUserId === user.id ? nothingGrantable : grantable(principal);
}

function sentRights(input: Partial<SentRights>): SentRights {
  const { profile, purchaser, incidentManager, financialManager, manageAdmins, manageUsers, resetPasswords, ftpAccess } = input;
  return { profile, purchaser, incidentManager, financialManager, manageAdmins, manageUsers, resetPasswords, ftpAccess };
}

/**
 * What another module adds to a new user, in the same batch: fields of the membership (the fleet
 * role) and statements that need the new user's id (the fleet's line delegations, its audit).
 */
export type CreateExtras = { membership?: { fleetRole?: FleetRole }; statements?: (userId: number) => BatchItem<"sqlite">[] };

export type CreateResult = Result<{ id: number; username: string; email: string }, Fail<"forbidden", { reason: "cannotGrant" }> | Fail<"invalid", { reason: "usernameTaken" }>>;

/**
 * 004 §2.2.3–2.2.4: the user, their membership, the invitation link, its e-mail and the audit
 * event, written together or not at all. A double submit meets the unique username and gets
 * "username taken"; nothing is created twice.
 */
export async function createUser(db: Db, session: Session, input: CreateUserInput, origin: string, now = Date.now(), extras: CreateExtras = {}): Promise<CreateResult> {
  const { principal } = session;
  const rights = resolveRights(grantable(principal), newUserRights, sentRights(input));
  if (rights === "forbidden") return fail("forbidden", { reason: "cannotGrant" as const });
  const usernameKey = input.username.toLowerCase();
  const answerHash = input.securityQuestion && input.securityAnswer ? await hashPassword(input.securityAnswer) : null;

  for (let attempt = 0; attempt < 3; attempt++) {
    const [taken, [last], [creator]] = await db.batch([
      db.select({ id: users.id }).from(users).where(eq(users.usernameKey, usernameKey)).limit(1),
      db.select({ id: sql<number>`coalesce(max(${users.id}), 0)` }).from(users),
      db
        .select({ username: users.username })
        .from(users)
        .where(eq(users.id, session.userId ?? 0))
        .limit(1),
    ]);
    if (taken.length > 0) return fail("invalid", { reason: "usernameTaken" as const });
    // The id is chosen here so that the token, the message and the audit can name it in the same
    // batch; users are never deleted, so max + 1 was never anyone's id before.
    const id = Number(last?.id ?? 0) + 1;
    const user = {
      id,
      username: input.username,
      usernameKey,
      email: input.email,
      firstName: input.firstName,
      lastName: input.lastName,
      gender: input.gender,
      language: input.language,
      securityQuestion: input.securityQuestion || null,
      securityAnswerHash: answerHash,
      status: "INVITED" as const,
      thirdPartyId: principal.thirdPartyId,
      createdByUserId: session.userId,
      // 004: the list names the creator; a login by code is the provider's account contact.
      createdByLabel: creator?.username ?? "ADMIN",
      createdAt: new Date(now),
    };
    const { securityAnswerHash: _secret, usernameKey: _key, createdAt: _at, ...visible } = user;
    try {
      await db.batch([
        db.insert(users).values(user),
        db.insert(memberships).values({ userId: id, customerId: principal.customerId, ...rights, ...extras.membership, thirdPartyId: principal.thirdPartyId, createdAt: new Date(now) }),
        ...(await invitationStatements(db, user, origin, now)),
        auditInsert(db, { actor: principal.actor, customerId: principal.customerId, action: "user.created", after: { ...visible, ...rights, ...extras.membership } }, now),
        ...(extras.statements?.(id) ?? []),
      ]);
      return ok({ id, username: user.username, email: user.email });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // Someone else took the username or the id in the meantime: look again.
    }
  }
  throw new Error("could not allocate a user id");
}

const personalFields = ["firstName", "lastName", "email", "language", "gender"] as const;

export type UpdateResult = Result<
  { changed: boolean; rightsChanged: boolean; user: ManagedUser },
  Fail<"not_found"> | Fail<"forbidden", { reason: "cannotManage" | "cannotGrant" | "sharedIdentity" }>
>;

/**
 * Bewerken: personal data and the rights of 004 §2.2.4 under the rule of creation. The personal
 * data of someone who also works for other accounts is theirs to change, not this account's.
 */
export async function updateUser(db: Db, session: Session, id: number, input: EditUserInput, now = Date.now()): Promise<UpdateResult> {
  const { principal } = session;
  const user = await findManagedUser(db, principal, id);
  if (!user) return fail("not_found");
  if (!mayManage(principal, user)) return fail("forbidden", { reason: "cannotManage" as const });
  const current = rightsOf(user);
  const next = resolveRights(grantableFor(principal, session.userId, user), current, sentRights(input));
  if (next === "forbidden") return fail("forbidden", { reason: "cannotGrant" as const });
  const changedPersonal = personalFields.filter((key) => input[key] !== user[key]);
  if (user.otherAccounts > 0 && changedPersonal.length > 0) return fail("forbidden", { reason: "sharedIdentity" as const });
  const rightsChanged = !sameRights(current, next);
  if (changedPersonal.length === 0 && !rightsChanged) return ok({ changed: false, rightsChanged: false, user });

  const personalChange = Object.fromEntries(changedPersonal.map((key) => [key, input[key]]));
  const rightKeys = (Object.keys(next) as (keyof Rights)[]).filter((key) => next[key] !== current[key]);
  const before = { ...Object.fromEntries(changedPersonal.map((key) => [key, user[key]])), ...Object.fromEntries(rightKeys.map((key) => [key, current[key]])) };
  const after = { ...personalChange, ...Object.fromEntries(rightKeys.map((key) => [key, next[key]])) };
  await db.batch([
    auditInsert(
      db,
      { actor: principal.actor, customerId: principal.customerId, action: "user.updated", before: { id, username: user.username, ...before }, after: { id, username: user.username, ...after } },
      now,
    ),
    ...(changedPersonal.length > 0 ? [db.update(users).set(personalChange).where(eq(users.id, id))] : []),
    ...(rightsChanged ? [db.update(memberships).set(next).where(eq(memberships.id, user.membershipId))] : []),
  ]);
  return ok({ changed: true, rightsChanged, user: { ...user, ...personalChange, ...next } });
}

export type DeactivateResult = Result<{ changed: boolean; user: ManagedUser }, Fail<"not_found"> | Fail<"forbidden", { reason: "cannotManage" }> | Fail<"conflict", { reason: "self" | "shared" }>>;

/** Why a user cannot be deactivated from here, before anything is asked or written. */
export function deactivationBlock(session: Session, user: ManagedUser): "cannotManage" | "self" | "shared" | null {
  if (!mayManage(session.principal, user)) return "cannotManage";
  if (session.userId === user.id) return "self";
  // The status is the person's, not the membership's: it would lock them out of other accounts too.
  if (user.otherAccounts > 0) return "shared";
  return null;
}

/** Deactiveren (never delete): the status, the unused links made void, and the audit, in one batch. */
export async function deactivateUser(db: Db, session: Session, id: number, now = Date.now()): Promise<DeactivateResult> {
  const { principal } = session;
  const user = await findManagedUser(db, principal, id);
  if (!user) return fail("not_found");
  const block = deactivationBlock(session, user);
  if (block === "cannotManage") return fail("forbidden", { reason: block });
  if (block) return fail("conflict", { reason: block });
  if (user.status === "DEACTIVATED") return ok({ changed: false, user });
  await db.batch([
    db
      .update(users)
      .set({ status: "DEACTIVATED", deactivatedAt: new Date(now) })
      .where(and(eq(users.id, id), ne(users.status, "DEACTIVATED"))),
    db
      .update(credentialTokens)
      .set({ usedAt: new Date(now) })
      .where(and(eq(credentialTokens.userId, id), isNull(credentialTokens.usedAt))),
    auditInsert(
      db,
      {
        actor: principal.actor,
        customerId: principal.customerId,
        action: "user.deactivated",
        before: { id, username: user.username, status: user.status },
        after: { id, username: user.username, status: "DEACTIVATED" },
      },
      now,
    ),
  ]);
  return ok({ changed: true, user: { ...user, status: "DEACTIVATED" as const } });
}

export type ResendResult = Result<
  { sent: boolean; user: ManagedUser },
  Fail<"not_found"> | Fail<"forbidden", { reason: "cannotManage" }> | Fail<"conflict", { reason: "notInvited"; user: ManagedUser }>
>;

/** 003 "Renvoyer des invitations": only while the user has not accepted; older links stop working. */
export async function resendInvitation(db: Db, session: Session, id: number, origin: string, now = Date.now()): Promise<ResendResult> {
  const { principal } = session;
  const user = await findManagedUser(db, principal, id);
  if (!user) return fail("not_found");
  if (!mayManage(principal, user)) return fail("forbidden", { reason: "cannotManage" as const });
  if (user.status !== "INVITED") return fail("conflict", { reason: "notInvited" as const, user });
  if (user.lastInvitationAt !== null && now - Number(user.lastInvitationAt) < RESEND_PAUSE_MS) return ok({ sent: false, user });
  // Checked again inside the batch: a burst of clicks that all passed the check above sends one e-mail.
  const audit = { actor: principal.actor, customerId: principal.customerId, action: "user.invitation_resent", after: { id, username: user.username, email: user.email } };
  const [token] = await db.batch(await resendInvitationStatements(db, user, origin, audit, now, RESEND_PAUSE_MS));
  return ok({ sent: token.rowsAffected === 1, user });
}
