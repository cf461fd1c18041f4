// Access demo data: the application catalog (the portal's modules and the postal e-applications of
// 004 §2.3 with their real functions), the postal account's products, billing addresses and users
// (004 §2.2.2), the fleet managers of 003, routers, and a syndic's login. Passwords are in the README.
import type { Client } from "@libsql/client/node";
import { hashPassword } from "../src/lib/password.ts";

type Names = [nl: string, fr: string, en: string, de: string];
type AppDef = { code: string; kind: "portal" | "postal"; included?: boolean; url?: string; names: Names; functions: [code: string, ...names: Names][] };

export const applicationCatalog: AppDef[] = [
  {
    code: "documents",
    kind: "portal",
    included: true,
    names: ["Documenten", "Documents", "Documents", "Dokumente"],
    functions: [
      ["view", "Documenten bekijken", "Consulter les documents", "View documents", "Dokumente ansehen"],
      ["download", "Documenten downloaden", "Télécharger les documents", "Download documents", "Dokumente herunterladen"],
    ],
  },
  {
    code: "billing",
    kind: "portal",
    included: true,
    names: ["Saldo en betalingen", "Solde et paiements", "Balance and payments", "Saldo und Zahlungen"],
    functions: [
      ["view", "Saldo bekijken", "Consulter le solde", "View balance", "Saldo ansehen"],
      ["pay", "Betalen en betaalwijze", "Payer et mode de paiement", "Pay and payment method", "Bezahlen und Zahlungsart"],
    ],
  },
  {
    code: "services",
    kind: "portal",
    names: ["Diensten en bestellingen", "Services et commandes", "Services and orders", "Dienste und Bestellungen"],
    functions: [
      ["view", "Diensten bekijken", "Consulter les services", "View services", "Dienste ansehen"],
      ["order", "Bestellen", "Commander", "Order", "Bestellen"],
    ],
  },
  {
    code: "complaints",
    kind: "portal",
    names: ["Klachten en tickets", "Plaintes et tickets", "Complaints and tickets", "Beschwerden und Tickets"],
    functions: [
      ["view", "Klachten bekijken", "Consulter les plaintes", "View complaints", "Beschwerden ansehen"],
      ["create", "Klacht of ticket indienen", "Introduire une plainte ou un ticket", "File a complaint or ticket", "Beschwerde oder Ticket einreichen"],
    ],
  },
  {
    code: "fleet",
    kind: "portal",
    names: ["Mobiele vloot", "Flotte mobile", "Mobile fleet", "Mobilflotte"],
    functions: [
      ["view", "Vloot bekijken", "Consulter la flotte", "View fleet", "Flotte ansehen"],
      ["manage", "Vloot beheren", "Gérer la flotte", "Manage fleet", "Flotte verwalten"],
    ],
  },
  {
    code: "access",
    kind: "portal",
    included: true,
    names: ["Gebruikersbeheer", "Gestion des utilisateurs", "User management", "Benutzerverwaltung"],
    functions: [
      ["manage_users", "Gebruikers beheren", "Gérer les utilisateurs", "Manage users", "Benutzer verwalten"],
      ["view_history", "Historiek bekijken", "Consulter l'historique", "View history", "Verlauf ansehen"],
    ],
  },
  {
    code: "emasspost",
    kind: "postal",
    url: "https://emasspost.example.be/",
    names: ["e-MassPost", "e-MassPost", "e-MassPost", "e-MassPost"],
    functions: [
      ["admin_role", "e-MassPost administrator role", "Rôle administrateur e-MassPost", "e-MassPost administrator role", "e-MassPost-Administratorrolle"],
      ["price_view", "Zicht op prijzen", "Voir les prix", "Price view", "Preisansicht"],
      ["creation", "Creatie", "Création", "Creation", "Erstellung"],
      ["confirmation_prices", "Bevestiging + prijzen", "Confirmation + prix", "Confirmation + prices", "Bestätigung + Preise"],
      ["general_followup", "Algemene opvolging", "Suivi général", "General follow-up", "Allgemeine Nachverfolgung"],
      ["deposit_statement", "Afgifteverklaring", "Déclaration de dépôt", "Deposit statement", "Einlieferungserklärung"],
      ["mailing_list_create", "Creatie mailing lijst", "Création liste de diffusion", "Create mailing list", "Verteilerliste erstellen"],
      ["mailing_list_delete", "Delete mailing lijst", "Suppression liste de diffusion", "Delete mailing list", "Verteilerliste löschen"],
      ["deposit_composition", "Afgiftesamenstelling", "Composition du dépôt", "Deposit composition", "Einlieferungszusammenstellung"],
      ["mailing_list_check", "Check mailing lijst", "Contrôle liste de diffusion", "Check mailing list", "Verteilerliste prüfen"],
      ["address_file_tool", "Address File Tool", "Address File Tool", "Address File Tool", "Address File Tool"],
      ["contracts_prices", "Contracten + prijzen", "Contrats + prix", "Contracts + prices", "Verträge + Preise"],
      ["senders_management", "Senders management", "Gestion des expéditeurs", "Senders management", "Absenderverwaltung"],
    ],
  },
  {
    code: "distriplanner",
    kind: "postal",
    url: "https://distriplanner.example.be/",
    names: ["Distriplanner", "Distriplanner", "Distriplanner", "Distriplanner"],
    functions: [
      ["order_entry", "Order entry", "Saisie de commandes", "Order entry", "Auftragserfassung"],
      ["quick_view", "Quick view", "Aperçu rapide", "Quick view", "Schnellansicht"],
    ],
  },
  {
    code: "collect_stamp",
    kind: "postal",
    url: "https://collect-stamp.example.be/",
    names: ["Collect & Stamp / UVRD+", "Collect & Stamp / UVRD+", "Collect & Stamp / UVRD+", "Collect & Stamp / UVRD+"],
    functions: [
      ["search_registered", "Uitgebreid zoeken voor aangetekende zendingen", "Recherche étendue des envois recommandés", "Extended search for registered items", "Erweiterte Suche nach Einschreiben"],
      ["search_parcels", "Uitgebreid zoeken voor pakketten", "Recherche étendue des colis", "Extended search for parcels", "Erweiterte Suche nach Paketen"],
      ["barcode_registered", "Zoeken op barcode voor aangetekende zendingen", "Recherche par code-barres des recommandés", "Barcode search for registered items", "Barcodesuche für Einschreiben"],
      ["barcode_parcels", "Zoeken op barcode voor pakketten", "Recherche par code-barres des colis", "Barcode search for parcels", "Barcodesuche für Pakete"],
      [
        "order_receipts",
        "Bestel afdrukken van de elektronische afgiftebewijzen",
        "Commander l'impression des preuves de dépôt",
        "Order printed deposit receipts",
        "Ausdrucke der Einlieferungsbelege bestellen",
      ],
      ["search_invoices", "Facturen opzoeken", "Rechercher des factures", "Search invoices", "Rechnungen suchen"],
    ],
  },
  {
    code: "parcels_national",
    kind: "postal",
    url: "https://parcels-national.example.be/",
    names: ["Parcels National", "Parcels National", "Parcels National", "Parcels National"],
    functions: [["user", "Gebruiker", "Utilisateur", "User", "Benutzer"]],
  },
  {
    code: "parcels_international",
    kind: "postal",
    url: "https://parcels-international.example.be/",
    names: ["Parcels International", "Parcels International", "Parcels International", "Parcels International"],
    functions: [
      ["customs", "Recht op douane toegang", "Accès douane", "Customs access", "Zollzugang"],
      ["eshipper_light", "Recht op eShipper light", "Accès eShipper light", "eShipper light access", "eShipper-light-Zugang"],
      ["eshipper_pro2", "eShipper Pro 2 toegang", "Accès eShipper Pro 2", "eShipper Pro 2 access", "eShipper-Pro-2-Zugang"],
      ["eshipper_pro", "eShipper Pro toegang", "Accès eShipper Pro", "eShipper Pro access", "eShipper-Pro-Zugang"],
      ["etoe_handling", "ETOE handling", "Traitement ETOE", "ETOE handling", "ETOE-Abwicklung"],
      ["general_access", "Algemene toegang", "Accès général", "General access", "Allgemeiner Zugang"],
      ["price_view", "Recht om prijzen te zien", "Voir les prix", "See prices", "Preise ansehen"],
    ],
  },
  {
    code: "invoice_reporter",
    kind: "postal",
    url: "https://invoice-reporter.example.be/",
    names: ["Invoice Reporter", "Invoice Reporter", "Invoice Reporter", "Invoice Reporter"],
    functions: [["view", "Facturen raadplegen", "Consulter les factures", "View invoices", "Rechnungen ansehen"]],
  },
  // Waste collection (000/001): the collection calendar, delivery notes and old account statements.
  {
    code: "waste",
    kind: "portal",
    names: ["Afvalophaling", "Collecte des déchets", "Waste collection", "Abfallabholung"],
    functions: [
      ["view", "Ophaalkalender en leveringen bekijken", "Consulter le calendrier de collecte et les livraisons", "View collection calendar and deliveries", "Abholkalender und Lieferungen ansehen"],
    ],
  },
];

export const postalProducts = [
  "Brief",
  "Aangetekend prior",
  "Tijdschrift",
  "Kilopost",
  "UW/RD",
  "Distripost onder conventie",
  "Kilopost conventie",
  "Taxipost",
  "Taxipost International",
  "Distripost 2008",
  "Distripost tijdschrift",
  "Clean Mail",
  "UW/RD RP+",
  "International Parcels Deferred",
  "International Parcels Express",
  "Reserve product 1",
  "Reserve product 2",
  "Distripost drukwerk",
  "Selectapost",
  "Niet dringend commerciële zendingen",
  "Drukwerk",
  "Prior",
  "Non prior",
];

export const postalBillingAddresses = [
  "DE POST - LA POSTE - HUMAN RESOURCES&ORGANISATION - MUNTCENTER ., 1000 BRUSSEL",
  "DE POST - MAIL - MUNTCENTRUM 2e VERDIEPING ., 1000 BRUSSEL",
  "DE POST - PURCHASING & SUPPLY - MUNTCENTRUM ., 1000 BRUSSEL",
  "DE POST - RESIDENTIAL MARKET - MUNTCENTRUM 1, 1000 BRUSSEL",
  "DE POST - SALES & MARKETING - MUNTCENTRUM 1e verd, 1000 BRUSSEL",
  "DE POST -FACTAGE - WILLEBROECKKAAI 23, 1000 BRUSSEL",
  "DE POST -RSS - Centre Monnaie ., 1000 BRUXELLES (Rodolphe Van Keer)",
  "DE POST -STAMPS & PHILATELY - EGIDE WALSCHAERTSSTRAAT 1, 2800 MECHELEN",
  "DE POST / FINANCE & ACCOUNTING - MUNTCENTRUM ., 1000 BRUSSEL",
  "DE POST MARKETING COMMUNICATION - MUNTCENTRUM 1, 1000 BRUSSEL",
  "LA POSTE-COMMUNIC. INTERNE - place de la Monnaie, 1000 BRUXELLES",
  "SOCIALE DIENST VAN DE POST - ANSPACHLAAN 1 11V, 1000 BRUSSEL",
];

export const borderelTypes = [
  "Direct Mail (borderel 10)",
  "Volumail Sorted (borderel 12)",
  "Volumail Registered (borderel 13)",
  "Volumail Unsorted (borderel 14)",
  "Practimail (borderel 20)",
  "EasyReturn (borderel 21)",
  "MaxReply (borderel 23)",
  "Maxi Pack (borderel 31)",
  "Mini Pack Scan (borderel 33)",
];

/** The postal account's users as the list in 004 §2.2.2 shows them; DATATEAM is the demo Access Owner. */
export const postalUsers = [
  { username: "679account", first: "diane", last: "fettes", email: "diane.fettes@post.example.be", by: "ADMIN", profile: "portal" as const },
  { username: "ARCC", first: "Dominique", last: "Plasman", email: "AR_CC@post.example.be", by: "ADMIN", profile: "portal" as const },
  { username: "Artisoc", first: "Rudi", last: "Gijsen", email: "rudi.gijsen@post.example.be", by: "ADMIN", profile: "portal" as const },
  { username: "B2B", first: "Alexandra", last: "Dankelman", email: "alexandra.dankelman@post.example.be", by: "MARCOM", profile: "portal" as const },
  { username: "Cleaning", first: "Caroline", last: "Witters", email: "caroline.witters@post.example.be", by: "ADMIN", profile: "service" as const },
  { username: "DATATEAM", first: "Xavier", last: "QUERRIAU", email: "xavier.querriau@post.example.be", by: "ADMIN", profile: "owner" as const },
  { username: "DEKKERSL", first: "LAURENCE", last: "DEKKERS", email: "laurence.dekkers@post.example.be", by: "ADMIN", profile: "manager" as const },
  { username: "EVENTS", first: "Alexandra", last: "Pirnay", email: "alexandra.pirnay@post.example.be", by: "MARCOM", profile: "portal" as const },
];

/** Demo passwords, printed in the README: every demo user has the same one. */
export const DEMO_PASSWORD = "Loket-Demo-2026";

const now = Date.UTC(2026, 10, 1, 9, 0, 0);

async function customerId(client: Client, number: string): Promise<number> {
  const row = (await client.execute({ sql: "SELECT id FROM customers WHERE customer_number = ?", args: [number] })).rows[0];
  if (!row) throw new Error(`no customer ${number}`);
  return Number(row.id);
}

async function insertId(client: Client, sql: string, args: (string | number | null)[]): Promise<number> {
  const result = await client.execute({ sql: `${sql} RETURNING id`, args });
  return Number(result.rows[0]!.id);
}

async function addUser(
  client: Client,
  u: { username: string; first: string; last: string; email: string; by: string; gender?: "m" | "f"; language?: string; status?: string; thirdPartyId?: number | null },
  passwordHash: string | null,
) {
  return insertId(
    client,
    "INSERT INTO users (username, username_key, email, first_name, last_name, gender, language, password_hash, status, third_party_id, created_by_label, created_at, last_login_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    [
      u.username,
      u.username.toLowerCase(),
      u.email,
      u.first,
      u.last,
      u.gender ?? "x",
      u.language ?? "nl",
      passwordHash,
      u.status ?? (passwordHash ? "VALIDATED" : "INVITED"),
      u.thirdPartyId ?? null,
      u.by,
      now - 200 * 86400000,
      passwordHash ? now - 86400000 : null,
    ],
  );
}

async function addMembership(
  client: Client,
  userId: number,
  customer: number,
  profile: string,
  flags: { manageUsers?: boolean; manageAdmins?: boolean; resetPasswords?: boolean; thirdPartyId?: number | null } = {},
) {
  return insertId(client, "INSERT INTO memberships (user_id, customer_id, profile, manage_users, manage_admins, reset_passwords, third_party_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [
    userId,
    customer,
    profile,
    flags.manageUsers ? 1 : 0,
    flags.manageAdmins ? 1 : 0,
    flags.resetPasswords ? 1 : 0,
    flags.thirdPartyId ?? null,
    now,
  ]);
}

export async function seedAccess(client: Client): Promise<void> {
  const appIds = new Map<string, number>();
  const fnIds = new Map<string, number>();
  for (const app of applicationCatalog) {
    const id = await insertId(client, "INSERT INTO applications (code, kind, included, url, name_nl, name_fr, name_en, name_de) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [
      app.code,
      app.kind,
      app.included ? 1 : 0,
      app.url ?? null,
      ...app.names,
    ]);
    appIds.set(app.code, id);
    for (const [code, ...names] of app.functions) {
      fnIds.set(
        `${app.code}.${code}`,
        await insertId(client, "INSERT INTO application_functions (application_id, code, name_nl, name_fr, name_en, name_de) VALUES (?, ?, ?, ?, ?, ?)", [id, code, ...names]),
      );
    }
  }

  // What each demo account really has: waste collection for the head office and its buildings,
  // the mobile fleet for the mobile customer, the postal e-applications for the postal account.
  const postal = await customerId(client, "0001023456");
  const subscriptions: [customer: string, codes: string[]][] = [
    ["439561", ["waste", "services", "complaints"]],
    ["439562", ["waste", "services", "complaints"]],
    ["439563", ["waste", "services", "complaints"]],
    ["100457319", ["fleet", "services", "complaints"]],
    ["0001023456", ["emasspost", "distriplanner", "collect_stamp", "parcels_national", "parcels_international", "invoice_reporter"]],
  ];
  for (const [number, codes] of subscriptions) {
    const id = await customerId(client, number);
    for (const code of codes) await client.execute({ sql: "INSERT INTO account_applications (customer_id, application_id) VALUES (?, ?)", args: [id, appIds.get(code)!] });
  }
  const productIds: number[] = [];
  for (const [i, label] of postalProducts.entries())
    productIds.push(
      await insertId(client, "INSERT INTO scopes (customer_id, application_id, kind, ref, label) VALUES (?, ?, 'product', ?, ?)", [postal, appIds.get("emasspost")!, `P${i + 1}`, label]),
    );
  const addressIds: number[] = [];
  for (const [i, label] of postalBillingAddresses.entries())
    addressIds.push(await insertId(client, "INSERT INTO scopes (customer_id, application_id, kind, ref, label) VALUES (?, NULL, 'billing_address', ?, ?)", [postal, `BA${i + 1}`, label]));
  for (const [i, label] of borderelTypes.entries())
    await insertId(client, "INSERT INTO scopes (customer_id, application_id, kind, ref, label) VALUES (?, ?, 'borderel_type', ?, ?)", [
      postal,
      appIds.get("parcels_international")!,
      `B${i + 1}`,
      label,
    ]);
  await client.execute({
    sql: "INSERT INTO scopes (customer_id, application_id, kind, ref, label) SELECT customer_id, NULL, 'contract', contract_number, contract_number || ' - ' || service FROM contracts WHERE customer_id = ?",
    args: [postal],
  });

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const userIds = new Map<string, number>();
  for (const u of postalUsers) {
    const id = await addUser(client, u, passwordHash);
    userIds.set(u.username, id);
    const membership = await addMembership(client, id, postal, u.profile, { manageUsers: u.profile === "owner", manageAdmins: u.profile === "owner", resetPasswords: u.profile === "owner" });
    // The portal users of the list hold e-MassPost rights on some products and addresses (004 §2.3).
    if (u.profile === "portal" || u.profile === "service") {
      const fns = u.username === "B2B" ? ["price_view", "creation", "general_followup"] : ["price_view", "general_followup"];
      for (const fn of fns)
        await client.execute({
          sql: "INSERT INTO grants (membership_id, application_id, item_kind, item_id, granted_at) VALUES (?, ?, 'function', ?, ?)",
          args: [membership, appIds.get("emasspost")!, fnIds.get(`emasspost.${fn}`)!, now],
        });
      for (const scope of [productIds[0]!, productIds[1]!, addressIds[4]!])
        await client.execute({
          sql: "INSERT INTO grants (membership_id, application_id, item_kind, item_id, granted_at) VALUES (?, ?, 'scope', ?, ?)",
          args: [membership, appIds.get("emasspost")!, scope, now],
        });
      await client.execute({
        sql: "INSERT INTO grants (membership_id, application_id, item_kind, item_id, granted_at) VALUES (?, ?, 'function', ?, ?)",
        args: [membership, appIds.get("documents")!, fnIds.get("documents.view")!, now],
      });
    }
  }
  // "Created by" names the creator's username where the creator is a user of the list.
  await client.execute({ sql: "UPDATE users SET created_by_user_id = ? WHERE created_by_label = 'MARCOM'", args: [userIds.get("DATATEAM")!] });

  // Routers (third parties) and one router user acting for the postal account.
  const routerId = await insertId(client, "INSERT INTO third_parties (kind, name, street, postcode, city, vat_number) VALUES ('router', ?, ?, ?, ?, ?)", [
    "Mailhouse Routing NV",
    "Havenlaan 86",
    "1000",
    "Brussel",
    "BE0411222333",
  ]);
  await insertId(client, "INSERT INTO third_parties (kind, name, street, postcode, city) VALUES ('subcontractor', ?, ?, ?, ?)", ["Print & Post Services BVBA", "Industrieweg 12", "9000", "Gent"]);
  for (const fn of ["price_view", "creation", "general_followup"])
    await client.execute({
      sql: "INSERT INTO third_party_grants (customer_id, third_party_id, application_id, item_kind, item_id, granted_at) VALUES (?, ?, ?, 'function', ?, ?)",
      args: [postal, routerId, appIds.get("emasspost")!, fnIds.get(`emasspost.${fn}`)!, now],
    });
  await client.execute({
    sql: "INSERT INTO third_party_grants (customer_id, third_party_id, application_id, item_kind, item_id, granted_at) VALUES (?, ?, ?, 'scope', ?, ?)",
    args: [postal, routerId, appIds.get("emasspost")!, productIds[0]!, now],
  });
  const routerAdmin = await addUser(client, { username: "ROUTER1", first: "Jan", last: "Peeters", email: "jan.peeters@mailhouse.example.be", by: "ADMIN", thirdPartyId: routerId }, passwordHash);
  const routerMembership = await addMembership(client, routerAdmin, postal, "portal", { manageUsers: true, thirdPartyId: routerId });
  for (const fn of ["price_view", "creation", "general_followup"])
    await client.execute({
      sql: "INSERT INTO grants (membership_id, application_id, item_kind, item_id, granted_at) VALUES (?, ?, 'function', ?, ?)",
      args: [routerMembership, appIds.get("emasspost")!, fnIds.get(`emasspost.${fn}`)!, now],
    });
  await client.execute({
    sql: "INSERT INTO grants (membership_id, application_id, item_kind, item_id, granted_at) VALUES (?, ?, 'scope', ?, ?)",
    args: [routerMembership, appIds.get("emasspost")!, productIds[0]!, now],
  });

  // Mobile customer (003): fleet managers Margaux (MANAGER, VALIDATED) and Malina (MEMBER, INVITED).
  const mobile = await customerId(client, "100457319");
  const margaux = await addUser(client, { username: "margaux", first: "Margaux", last: "Dubois", email: "margaux.dubois@havenlogistiek.be", by: "ADMIN", gender: "f", language: "fr" }, passwordHash);
  await addMembership(client, margaux, mobile, "owner", { manageUsers: true, manageAdmins: true });
  const malina = await addUser(client, { username: "malina", first: "Malina", last: "Janssens", email: "malina.janssens@havenlogistiek.be", by: "margaux", gender: "f", language: "nl" }, null);
  const malinaMembership = await addMembership(client, malina, mobile, "portal");
  await client.execute({ sql: "UPDATE users SET created_by_user_id = ? WHERE id = ?", args: [margaux, malina] });
  await client.execute({
    sql: "INSERT INTO grants (membership_id, application_id, item_kind, item_id, granted_at) VALUES (?, ?, 'function', ?, ?)",
    args: [malinaMembership, appIds.get("fleet")!, fnIds.get("fleet.view")!, now],
  });

  // The syndic of the waste demo acts for the head office's building it manages and for the head office.
  const syndicUser = await addUser(client, { username: "syndic.zavel", first: "Sofie", last: "Claes", email: "beheer@syndicus-zavel.be", by: "ADMIN", gender: "f" }, passwordHash);
  await addMembership(client, syndicUser, await customerId(client, "439563"), "owner");
  await addMembership(client, syndicUser, await customerId(client, "439562"), "portal");
  // The head office's own user, Access Owner, who sees its buildings (My accounts).
  const headOfficeUser = await addUser(client, { username: "apparthotels", first: "Anna", last: "Verhoeven", email: "info@apparthotels.com", by: "ADMIN", gender: "f" }, passwordHash);
  for (const number of ["439561", "439562", "439563"]) await addMembership(client, headOfficeUser, await customerId(client, number), "owner");
}

/** 10,000 users on the postal account and 5,000 routers, for the "My users" and rights benchmarks. */
export async function seedAccessScale(client: Client, users = 10_000, routers = 5_000): Promise<void> {
  const postal = await customerId(client, "0001023456");
  const chunk = 500;
  for (let start = 0; start < users; start += chunk) {
    const statements = [];
    for (let i = start; i < Math.min(users, start + chunk); i++) {
      const username = `user${String(i).padStart(5, "0")}`;
      statements.push({
        sql: "INSERT INTO users (username, username_key, email, first_name, last_name, gender, language, status, created_by_label, created_at) VALUES (?, ?, ?, ?, ?, 'x', 'nl', ?, 'DATATEAM', ?)",
        args: [username, username, `${username}@scale.example`, `Voornaam${i}`, `Naam${(i * 7919) % users}`, i % 10 === 0 ? "INVITED" : "VALIDATED", now - i * 1000],
      });
      statements.push({ sql: "INSERT INTO memberships (user_id, customer_id, profile, created_at) VALUES (last_insert_rowid(), ?, 'portal', ?)", args: [postal, now] });
    }
    await client.batch(statements, "write");
  }
  for (let start = 0; start < routers; start += chunk) {
    const statements = [];
    for (let i = start; i < Math.min(routers, start + chunk); i++) {
      statements.push({
        sql: "INSERT INTO third_parties (kind, name, street, postcode, city) VALUES (?, ?, ?, ?, ?)",
        args: [
          i % 4 === 0 ? "subcontractor" : "router",
          `Routeur ${String(i).padStart(4, "0")} BV`,
          `Logistiekstraat ${i % 200}`,
          String(1000 + (i % 8999)),
          ["Brussel", "Antwerpen", "Gent", "Liège", "Namur"][i % 5]!,
        ],
      });
    }
    await client.batch(statements, "write");
  }
}
