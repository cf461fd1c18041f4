import { beforeAll, describe, expect, inject, it } from "vitest";
import { loggedIn, loggedInAs, type TestBrowser } from "./browser.ts";
import { sql } from "./sql.ts";
import { addUser, listedUsernames, unique, userIdOf, type TestUser } from "./users-fixtures.ts";

const demoUsers = ["679account", "ARCC", "Artisoc", "B2B", "Cleaning", "DATATEAM", "DEKKERSL", "EVENTS"];

let owner: TestBrowser;
let prefix: string;
let made: TestUser[];

beforeAll(async () => {
  owner = await loggedInAs("DATATEAM");
  // 30 users of this file's own, so that a search for them spans two pages of 25.
  prefix = unique("lst").toLowerCase();
  made = [];
  for (let i = 0; i < 30; i++) {
    made.push(
      await addUser({
        prefix: `${prefix}.${String(i).padStart(2, "0")}.`,
        firstName: `Voornaam${i}`,
        lastName: `Naam${String(29 - i).padStart(2, "0")}`,
        status: i % 5 === 0 ? "INVITED" : "VALIDATED",
      }),
    );
  }
}, 60_000);

describe("My users (004 §2.2.2)", () => {
  it("shows the account's users with username, name, e-mail, created by, status and the row actions", async () => {
    // Other test files add users to this account: the demo users' own e-mail domain keeps them on one page.
    const page = await owner.get("/en/users?q=post.example.be");
    expect(page.status).toBe(200);
    expect(page.text).toContain("<h1>My users</h1>");
    for (const header of ["Username", "Name", "E-mail address", "Created by", "Status"]) expect(page.text).toContain(header);
    for (const username of demoUsers) expect(page.text).toContain(`<td>${username}</td>`);
    expect(page.text).toContain("<td>Alexandra Dankelman</td>");
    expect(page.text).toContain('href="mailto:alexandra.dankelman@post.example.be"');
    expect(page.text).toContain("<td>MARCOM</td>");
    expect(page.text).toContain("<td>ADMIN</td>");
    expect(page.text).toContain("<td>Validated</td>");
    const b2b = await userIdOf("B2B");
    expect(page.text).toContain(`href="/en/users/${b2b}/edit"`);
    expect(page.text).toContain(`href="/en/users/${b2b}/rights"`);
    expect(page.text).toContain(`action="/en/users/${b2b}/deactivate"`);
    // One cannot deactivate oneself: no button on one's own row.
    expect(page.text).not.toContain(`action="/en/users/${await userIdOf("DATATEAM")}/deactivate"`);
    expect(page.text).toContain('href="/en/users/new"');
    // The users of the mobile account are never listed here.
    expect(page.text).not.toContain("margaux");
    expect(listedUsernames((await owner.get("/en/users?q=havenlogistiek")).text)).toEqual([]);
    expect(listedUsernames((await owner.get("/en/users?q=malina")).text)).toEqual([]);
  });

  it("speaks the manual's Dutch", async () => {
    const page = await owner.get("/nl/users");
    for (const word of ["Mijn gebruikers", "Gebruikersnaam", "Aangemaakt door", "Bewerken", "Rechten", "Deactiveren", "Gebruiker aanmaken"]) expect(page.text).toContain(word);
    const fr = await owner.get("/fr/users");
    for (const word of ["Mes utilisateurs", "Nom d&#39;utilisateur", "Créé par", "Modifier", "Droits", "Désactiver", "Créer un utilisateur"]) expect(fr.text).toContain(word);
  });

  it("searches on the server over username, name and e-mail; % and _ are taken literally", async () => {
    const byUsername = await owner.get(`/en/users?q=${prefix}.07`);
    expect(listedUsernames(byUsername.text)).toEqual([made[7]!.username]);
    const byName = await owner.get("/en/users?q=dankelman");
    expect(listedUsernames(byName.text)).toEqual(["B2B"]);
    const byEmail = await owner.get("/en/users?q=xavier.querriau@post");
    expect(listedUsernames(byEmail.text)).toEqual(["DATATEAM"]);
    const literal = await owner.get("/en/users?q=%25");
    expect(listedUsernames(literal.text)).toEqual([]);
    expect(literal.text).toContain("No user matches your search.");
    expect(literal.text).toContain("0–0 of 0 users");
  });

  it("the search index follows a change of name, finds a short search too, and takes quotes literally", async () => {
    const user = made[11]!;
    const fresh = unique("Hernoemd").toLowerCase();
    const [before] = await sql<{ last_name: string }>("SELECT last_name FROM users WHERE id = ?", [user.id]);
    await sql("UPDATE users SET last_name = ? WHERE id = ?", [fresh, user.id]);
    expect(listedUsernames((await owner.get(`/en/users?q=${fresh.toUpperCase()}`)).text)).toEqual([user.username]);
    expect(listedUsernames((await owner.get(`/en/users?q=Voornaam11 ${fresh}`)).text)).toEqual([user.username]);
    // The old name no longer finds it.
    expect(listedUsernames((await owner.get(`/en/users?q=${prefix}&status=`)).text)).toContain(made[0]!.username);
    expect(listedUsernames((await owner.get(`/en/users?q=${before!.last_name}`)).text)).not.toContain(user.username);
    // Fewer than 3 characters: still a substring search.
    expect(listedUsernames((await owner.get("/en/users?q=B2")).text)).toContain("B2B");
    expect(listedUsernames((await owner.get("/en/users?q=%22%22%22")).text)).toEqual([]);
    await sql("UPDATE users SET last_name = ? WHERE id = ?", [before!.last_name, user.id]);
    expect(listedUsernames((await owner.get(`/en/users?q=${before!.last_name}`)).text)).toContain(user.username);
  });

  it("pages by 25 with the total, and keeps the search in the page links", async () => {
    const first = await owner.get(`/en/users?q=${prefix}`);
    expect(first.text).toContain("1–25 of 30 users");
    expect(first.text).toContain("Page 1 of 2");
    const firstRows = listedUsernames(first.text);
    expect(firstRows).toEqual(made.slice(0, 25).map((u) => u.username));
    expect(first.text).toContain(`href="/en/users?q=${prefix}&amp;page=2"`);
    const second = await owner.get(`/en/users?q=${prefix}&page=2`);
    expect(second.text).toContain("26–30 of 30 users");
    expect(listedUsernames(second.text)).toEqual(made.slice(25).map((u) => u.username));
    expect(second.text).toContain(`href="/en/users?q=${prefix}"`);
    // A page past the end shows the last one.
    const past = await owner.get(`/en/users?q=${prefix}&page=9`);
    expect(listedUsernames(past.text)).toEqual(made.slice(25).map((u) => u.username));
  });

  it("sorts by each column both ways, with aria-sort and links in the headers", async () => {
    const asc = await owner.get(`/en/users?q=${prefix}`);
    expect(asc.text).toContain(`<th scope="col" aria-sort="ascending"><a href="/en/users?q=${prefix}&amp;dir=desc">Username`);
    const desc = await owner.get(`/en/users?q=${prefix}&dir=desc`);
    expect(desc.text).toContain('aria-sort="descending"');
    expect(listedUsernames(desc.text)).toEqual(
      [...made]
        .reverse()
        .slice(0, 25)
        .map((u) => u.username),
    );
    // Names were given in the reverse order of the usernames.
    const byName = await owner.get(`/en/users?q=${prefix}&sort=name`);
    expect(listedUsernames(byName.text)).toEqual(
      [...made]
        .reverse()
        .slice(0, 25)
        .map((u) => u.username),
    );
    expect(byName.text).toContain(`href="/en/users?q=${prefix}&amp;sort=name&amp;dir=desc"`);
    const byEmail = await owner.get(`/en/users?q=${prefix}&sort=email&dir=desc`);
    expect(listedUsernames(byEmail.text)[0]).toBe(made[29]!.username);
    const byStatus = await owner.get(`/en/users?q=${prefix}&sort=status`);
    expect(listedUsernames(byStatus.text).slice(0, 6)).toEqual(made.filter((_, i) => i % 5 === 0).map((u) => u.username));
    const createdBy = await owner.get("/en/users?sort=createdBy&dir=desc&q=a");
    expect(createdBy.status).toBe(200);
    const labels = [...createdBy.text.matchAll(/<td>([A-Z0-9]+)<\/td><td>(?:Invited|Validated|Deactivated)<\/td>/g)].map((m) => m[1]!);
    expect(labels.length).toBeGreaterThan(1);
    expect(labels).toEqual([...labels].sort().reverse());
    // An unknown sort falls back to the username.
    expect((await owner.get("/en/users?sort=password&dir=sideways")).status).toBe(200);
  });

  it("filters by status", async () => {
    const invited = await owner.get(`/en/users?q=${prefix}&status=INVITED`);
    expect(listedUsernames(invited.text)).toEqual(made.filter((_, i) => i % 5 === 0).map((u) => u.username));
    expect(invited.text).toContain('<option value="INVITED" selected="">Invited</option>');
    // Only invited users can be sent their invitation again.
    expect(invited.text).toContain(`action="/en/users/${made[0]!.id}/resend"`);
    const validated = await owner.get(`/en/users?q=${prefix}&status=VALIDATED`);
    expect(validated.text).not.toContain("/resend");
  });

  it("active search: htmx gets only the results block, the plain form works without JavaScript", async () => {
    const page = await owner.get("/en/users");
    expect(page.text).toContain('hx-get="/en/users"');
    expect(page.text).toContain('hx-trigger="input changed delay:300ms, search"');
    expect(page.text).toContain('hx-target="#users-results"');
    expect(page.text).toContain('hx-push-url="true"');
    expect(page.text).toMatch(/<form class="card" role="search" method="get" action="\/en\/users">/);
    const fragment = await owner.get(`/en/users?q=${prefix}.0`, { "HX-Request": "true", "HX-Target": "div#users-results" });
    expect(fragment.status).toBe(200);
    expect(fragment.text.startsWith('<div id="users-results">')).toBe(true);
    expect(fragment.text).not.toContain("<html");
    expect(listedUsernames(fragment.text)).toHaveLength(10);
    expect(fragment.response.headers.get("Vary")).toContain("HX-Request");
  });

  it("a Portal User and a Service User may not open My users", async () => {
    for (const username of ["B2B", "Cleaning"]) {
      const browser = await loggedInAs(username);
      for (const path of ["/en/users", "/en/users/new"]) {
        const page = await browser.get(path);
        expect(page.status, `${username} ${path}`).toBe(403);
        expect(page.text).toContain("You may not do this.");
      }
      await browser.get("/en/home");
      const post = await browser.post("/en/users/new", { username: unique("nope"), firstName: "A", lastName: "B", email: "a@b.be", gender: "m", language: "nl", profile: "portal" });
      expect(post.status).toBe(403);
    }
  });

  it("an Access Manager may; a code login may not (named administrators manage users)", async () => {
    const manager = await loggedInAs("DEKKERSL");
    const page = await manager.get("/en/users?q=post.example.be");
    expect(page.status).toBe(200);
    expect(page.text).toContain("<td>DATATEAM</td>");
    // The Access Owner is beyond an Access Manager: no Edit or Deactivate on that row.
    const datateam = await userIdOf("DATATEAM");
    expect(page.text).not.toContain(`href="/en/users/${datateam}/edit"`);
    expect(page.text).toContain(`href="/en/users/${await userIdOf("B2B")}/edit"`);

    const { browser: code } = await loggedIn(46);
    const own = await code.get("/en/users");
    expect(own.status).toBe(403);
    expect(own.text).not.toContain("DATATEAM");
  });

  it("a router's administrator sees only their own organisation's people on the account", async () => {
    const router = await loggedInAs("ROUTER1");
    const page = await router.get("/en/users");
    expect(page.status).toBe(200);
    const listed = listedUsernames(page.text);
    expect(listed).toContain("ROUTER1");
    for (const username of demoUsers) expect(listed).not.toContain(username);
    const margaux = await userIdOf("margaux");
    expect((await router.get(`/en/users/${margaux}/edit`)).status).toBe(404);
    expect((await router.get(`/en/users/${await userIdOf("B2B")}/edit`)).status).toBe(404);
  });

  it("names and e-mails are shown escaped", async () => {
    const payload = `<script>alert("x")</script>`;
    const evil = await addUser({ prefix: "xss.", firstName: payload, lastName: `<img src=x onerror=alert(1)>` });
    const page = await owner.get(`/en/users?q=${evil.username}`);
    expect(page.text).not.toContain("<script>alert");
    expect(page.text).not.toContain("<img src=x");
    expect(page.text).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    const reflected = await owner.get(`/en/users?q=${encodeURIComponent('"><script>alert(1)</script>')}`);
    expect(reflected.text).not.toContain("<script>alert(1)");
    expect(reflected.text).toContain("&lt;script&gt;");
    await sql("UPDATE users SET first_name = 'Test', last_name = 'User' WHERE id = ?", [evil.id]);
  });

  it("reads a page of the list in one batched round trip (plus the session's terms check)", async () => {
    const pipelines = async () => ((await (await fetch(`${inject("dbUrl")}/_stats`)).json()) as { pipelineRequests: number }).pipelineRequests;
    await owner.get("/en/users");
    const before = await pipelines();
    const page = await owner.get(`/en/users?q=${prefix}&sort=name&page=2&notice=updated&user=${made[3]!.id}`);
    const used = (await pipelines()) - before;
    expect(listedUsernames(page.text)).toHaveLength(5);
    expect(page.text).toContain(`The details of ${made[3]!.username} were saved.`);
    expect(used).toBeLessThanOrEqual(2);
  });
});
