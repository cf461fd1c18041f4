import type { Principal, Profile } from "../../lib/principal.ts";

/** What a membership says about a user: the profile (002 §8) and the rights of 004 §2.2.4. */
export type Rights = {
  profile: Profile;
  purchaser: boolean;
  incidentManager: boolean;
  financialManager: boolean;
  manageAdmins: boolean;
  manageUsers: boolean;
  resetPasswords: boolean;
  ftpAccess: boolean;
};
export type RightFlag = Exclude<keyof Rights, "profile">;
export const managementFlags = ["manageAdmins", "manageUsers", "resetPasswords", "ftpAccess"] as const satisfies RightFlag[];
export const subProfiles = ["purchaser", "incidentManager", "financialManager"] as const satisfies RightFlag[];
const allFlags = [...managementFlags, ...subProfiles];

/** A form as sent: a field that is absent is undefined (a greyed-out checkbox is never sent). */
export type SentRights = { profile?: Profile } & Partial<Record<RightFlag, boolean>>;

export const newUserRights: Rights = {
  profile: "portal",
  purchaser: false,
  incidentManager: false,
  financialManager: false,
  manageAdmins: false,
  manageUsers: false,
  resetPasswords: false,
  ftpAccess: false,
};

export type Grantable = { profiles: Profile[]; flags: Record<RightFlag, boolean> };

/**
 * 004 §2.1: an administrator creates users with fewer or the same rights as their own. Only
 * who may manage administrators makes an Access Manager; only an Access Owner makes another.
 */
export function grantable(principal: Principal): Grantable {
  const f = principal.flags;
  const leads = principal.profile === "owner" || principal.profile === "manager";
  const profiles: Profile[] = [];
  if (principal.profile === "owner") profiles.push("owner");
  if (f.manageAdmins) profiles.push("manager");
  profiles.push("portal", "service");
  return {
    profiles,
    flags: {
      manageAdmins: f.manageAdmins,
      manageUsers: f.manageUsers || f.manageAdmins,
      resetPasswords: f.resetPasswords,
      ftpAccess: f.ftpAccess,
      // 002 §8.5: the Owner or the Manager names the sub-profiles; anyone else only passes on their own.
      purchaser: leads || f.purchaser,
      incidentManager: leads || f.incidentManager,
      financialManager: leads || f.financialManager,
    },
  };
}

/** Nothing can be granted: a user looking at their own membership. */
export const nothingGrantable: Grantable = { profiles: [], flags: Object.fromEntries(allFlags.map((k) => [k, false])) as Record<RightFlag, boolean> };

/**
 * Whether a principal may change or deactivate a user at all: an Access Owner anyone; anyone else
 * only users whose user-management rights they hold themselves, since whoever edits a user's
 * e-mail address can take their place through a password reset.
 */
export function mayManage(principal: Principal, target: Pick<Rights, "profile" | "manageAdmins" | "resetPasswords" | "ftpAccess">): boolean {
  if (principal.profile === "owner") return true;
  if (target.profile === "owner") return false;
  if ((target.profile === "manager" || target.manageAdmins) && !principal.flags.manageAdmins) return false;
  if (target.resetPasswords && !principal.flags.resetPasswords) return false;
  if (target.ftpAccess && !principal.flags.ftpAccess) return false;
  return true;
}

/**
 * The rights to store, from the current ones and the form. What the principal may grant follows
 * the form (an unticked box is false); anything else must stay as it is, and a form that tries to
 * change it is refused as a whole.
 */
export function resolveRights(allowed: Grantable, current: Rights, sent: SentRights): Rights | "forbidden" {
  const profile = sent.profile ?? current.profile;
  if (profile !== current.profile && !allowed.profiles.includes(profile)) return "forbidden";
  const next: Rights = { ...current, profile };
  for (const flag of allFlags) {
    const value = sent[flag];
    if (allowed.flags[flag]) next[flag] = value ?? false;
    else if (value !== undefined && value !== current[flag]) return "forbidden";
  }
  if (profile !== "portal") for (const flag of subProfiles) next[flag] = false;
  // What the profiles always carry (userPrincipal gives them anyway): stored so the list tells the truth.
  if (profile === "owner") Object.assign(next, { manageAdmins: true, manageUsers: true, resetPasswords: true });
  if (profile === "manager") next.manageUsers = true;
  return next;
}

export function sameRights(a: Rights, b: Rights): boolean {
  return a.profile === b.profile && allFlags.every((flag) => a[flag] === b[flag]);
}
