import { describe, expect, it } from "vitest";
import { testAccount } from "./browser.ts";
import { addUser, fn, logIn } from "./rights-fixtures.ts";
import { sql } from "./sql.ts";

/** 004: a Portal User's rights may be limited to some contracts; Services shows and changes only those. */
describe("services: a grant limited to one contract", () => {
  it("lists only that contract, its requests and orders; the other contract is not found", async () => {
    const account = testAccount(97);
    const [customer] = await sql<{ id: number }>("SELECT id FROM customers WHERE customer_number = ?", [account.customerNumber]);
    const [other] = await sql<{ id: number }>("INSERT INTO contracts (contract_number, customer_id, service) VALUES ('899097', ?, 'PMD 770 L') RETURNING id", [customer!.id]);
    const [scoped] = await sql<{ id: number }>("INSERT INTO scopes (customer_id, application_id, kind, ref, label) VALUES (?, NULL, 'contract', ?, ?) RETURNING id", [
      customer!.id,
      account.contractNumber,
      `${account.contractNumber} - Restafval 240 L`,
    ]);
    await sql("INSERT INTO orders (customer_id, contract_id, article, quantity, address, created_at) VALUES (?, ?, 'PMD-zakken', 1, 'Teststraat 97', ?)", [customer!.id, other!.id, Date.now()]);
    const user = await addUser({
      account: account.customerNumber,
      grants: [
        { app: "services", item: await fn("services", "view") },
        { app: "services", item: `scope:${scoped!.id}` },
      ],
    });
    const browser = await logIn(user);
    const contractsTab = await browser.get("/en/services");
    expect(contractsTab.status).toBe(200);
    expect(contractsTab.text).toContain(account.contractNumber);
    expect(contractsTab.text).not.toContain("899097");
    expect((await browser.get("/en/services/purchases")).text).not.toContain("PMD-zakken");
    expect((await browser.get(`/en/services/contracts/${other!.id}/change`)).status).toBe(404);
    // The account's Access Owner (no contract scopes) sees both.
    const owner = await addUser({ account: account.customerNumber, profile: "owner" });
    const all = await (await logIn(owner)).get("/en/services");
    expect(all.text).toContain("899097");
  });
});
