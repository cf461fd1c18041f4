import { beforeAll, describe, expect, it } from "vitest";
import { catalogs } from "../../src/lib/i18n.ts";
import { loggedInAs, testAccount, type TestBrowser } from "./browser.ts";
import { sql } from "./sql.ts";
import { addUser, listedUsernames, unique, type TestUser } from "./users-fixtures.ts";

/**
 * "My users" sorted by status (issue #8): the order of a user's life (invited, validated,
 * deactivated) in every language, not the stored code (DEACTIVATED < INVITED < VALIDATED) nor the
 * label, which sorts differently in NL (Gedeactiveerd < Gevalideerd < Uitgenodigd) and FR.
 */
const ACCOUNT = testAccount(23).customerNumber;
let owner: TestUser;
let prefix: string;
let invited: TestUser;
let validated: TestUser;
let deactivated: TestUser;

beforeAll(async () => {
  prefix = unique("srt").toLowerCase();
  owner = await addUser({ prefix: `${prefix}.0owner.`, accounts: [ACCOUNT], profile: "owner", flags: { manage_users: 1, manage_admins: 1 } });
  // Made in the reverse of the expected order: neither the id nor the username gives it.
  deactivated = await addUser({ prefix: `${prefix}.1.`, accounts: [ACCOUNT] });
  validated = await addUser({ prefix: `${prefix}.2.`, accounts: [ACCOUNT] });
  invited = await addUser({ prefix: `${prefix}.3.`, accounts: [ACCOUNT], status: "INVITED" });
  await sql("UPDATE users SET status = 'DEACTIVATED' WHERE id = ?", [deactivated.id]);
}, 60_000);

async function sortedByStatus(browser: TestBrowser, language: "nl" | "fr" | "en", dir = "asc") {
  const page = await browser.get(`/${language}/users?q=${prefix}&sort=status&dir=${dir}`);
  expect(page.status).toBe(200);
  const names = listedUsernames(page.text).filter((name) => name !== owner.username);
  const s = catalogs[language].users.statuses;
  const labels = [...page.text.matchAll(new RegExp(`<td>(${[s.INVITED, s.VALIDATED, s.DEACTIVATED].join("|")})</td>`, "g"))].map((m) => m[1]!);
  return { names, labels, s };
}

describe("My users sorted by status", () => {
  for (const language of ["nl", "fr"] as const) {
    it(`${language}: invited, then validated, then deactivated; the other way round when descending`, async () => {
      const browser = await loggedInAs(owner.username, owner.password, language);
      const up = await sortedByStatus(browser, language);
      expect(up.names).toEqual([invited.username, validated.username, deactivated.username]);
      expect(up.labels).toEqual([up.s.INVITED, up.s.VALIDATED, up.s.VALIDATED, up.s.DEACTIVATED]);
      const down = await sortedByStatus(browser, language, "desc");
      expect(down.names).toEqual([deactivated.username, validated.username, invited.username]);
      expect(down.labels[0]).toBe(down.s.DEACTIVATED);
      expect(down.labels.at(-1)).toBe(down.s.INVITED);
    });
  }
});
