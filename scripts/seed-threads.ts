// Complaints and tickets: a few with answers for the demo accounts (000 p.10, 003 "Créer un ticket
// technique"), and with --scale 100,000 threads over the scale accounts plus 1,000 tickets for the
// mobile demo customer 100457319, inserted by large INSERT … SELECT statements.
import type { Client } from "@libsql/client/node";

const day = 24 * 3600 * 1000;
const now = Date.UTC(2026, 10, 1, 9, 0, 0);
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

async function idOf(client: Client, sql: string, args: (string | number)[]): Promise<number | null> {
  const result = await client.execute({ sql, args });
  const value = result.rows[0]?.[0];
  return value === undefined || value === null ? null : Number(value);
}

type DemoThread = {
  customer: string;
  kind: "complaint" | "ticket";
  title: string;
  status: "new" | "in_progress" | "answered" | "closed";
  daysAgo: number;
  author: string;
  messages: [author: "customer" | "staff", label: string, body: string, hoursLater: number][];
  complaint?: { contract: string; service: string; nature: string; serviceDaysAgo: number };
  ticket?: { subject: string; detail: string; phone?: string; actionInDays?: number; email: string; mobile?: string };
};

const DEMO: DemoThread[] = [
  {
    customer: "439561",
    kind: "complaint",
    title: "Dienst niet of slecht uitgevoerd – 5422",
    status: "answered",
    daysAgo: 6,
    author: "user:apparthotels",
    complaint: { contract: "5422", service: "Restafval 1100 L", nature: "service_not_done", serviceDaysAgo: 7 },
    messages: [
      ["customer", "Apparthotels NV", "De container aan de Louizalaan 120 is maandag niet geledigd.", 0],
      ["staff", "Sofie Janssens", "Onze excuses: de ophaalronde had vertraging. De container wordt morgen voor 10 uur geledigd.", 20],
    ],
  },
  {
    customer: "439561",
    kind: "complaint",
    title: "Schade – 5422",
    status: "closed",
    daysAgo: 40,
    author: "user:apparthotels",
    complaint: { contract: "5422", service: "Restafval 1100 L", nature: "damage", serviceDaysAgo: 41 },
    messages: [
      ["customer", "Apparthotels NV", "Het deksel van de container is gebroken bij het ledigen.", 0],
      ["staff", "Sofie Janssens", "We vervangen de container deze week.", 26],
      ["customer", "Apparthotels NV", "De nieuwe container is geleverd, dank u.", 100],
    ],
  },
  {
    customer: "100457319",
    kind: "ticket",
    title: "Options des cartes SIM – Réactiver les cartes SIM en pause",
    status: "answered",
    daysAgo: 3,
    author: "user:margaux",
    ticket: { subject: "sim_options", detail: "reactivate_paused", phone: "+32470123456", actionInDays: 1, email: "margaux.dubois@havenlogistiek.be", mobile: "+32488339485" },
    messages: [
      ["customer", "Margaux Dubois", "Merci de réactiver cette carte SIM pour le retour de congé de notre collaborateur.", 0],
      ["staff", "Tom Peeters", "La carte SIM sera réactivée à la date demandée.", 5],
    ],
  },
  {
    customer: "100457319",
    kind: "ticket",
    title: "Autre question technique – Autre question",
    status: "new",
    daysAgo: 1,
    author: "user:margaux",
    ticket: { subject: "other", detail: "other", email: "margaux.dubois@havenlogistiek.be" },
    messages: [["customer", "Margaux Dubois", "Le roaming ne fonctionne pas au Maroc pour le 0470 12 34 56.", 0]],
  },
  {
    customer: "100457319",
    kind: "complaint",
    title: "Facture – 0000025351",
    status: "in_progress",
    daysAgo: 9,
    author: "user:margaux",
    complaint: { contract: "0000025351", service: "Business Mobile", nature: "invoice", serviceDaysAgo: 20 },
    messages: [["customer", "Margaux Dubois", "La facture de mars compte deux fois l'option Data Asia.", 0]],
  },
];

/** The demo threads, with the provider's answers (authorLabel as the desk writes it). */
export async function seedThreads(client: Client): Promise<void> {
  for (const thread of DEMO) {
    const customerId = await idOf(client, "SELECT id FROM customers WHERE customer_number = ?", [thread.customer]);
    if (customerId === null) continue;
    const created = now - thread.daysAgo * day;
    const last = created + (thread.messages.at(-1)?.[3] ?? 0) * 3600 * 1000;
    const threadId = await idOf(client, "INSERT INTO threads (customer_id, kind, status, title, created_at, updated_at, created_by, closed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id", [
      customerId,
      thread.kind,
      thread.status,
      thread.title,
      created,
      last,
      thread.author,
      thread.status === "closed" ? last : (null as unknown as number),
    ]);
    if (thread.complaint) {
      const c = thread.complaint;
      await client.execute({
        sql: "INSERT INTO complaints (thread_id, contract_id, service, nature, service_date) SELECT ?, id, ?, ?, ? FROM contracts WHERE contract_number = ?",
        args: [threadId, c.service, c.nature, isoDay(now - c.serviceDaysAgo * day), c.contract],
      });
    }
    if (thread.ticket) {
      const k = thread.ticket;
      await client.execute({
        sql: "INSERT INTO tickets (thread_id, subject, detail, phone_number, action_date, requester_email, requester_mobile) VALUES (?, ?, ?, ?, ?, ?, ?)",
        args: [threadId, k.subject, k.detail, k.phone ?? null, k.actionInDays === undefined ? null : isoDay(created + k.actionInDays * day), k.email, k.mobile ?? null],
      });
    }
    for (const [author, label, body, hours] of thread.messages) {
      await client.execute({
        sql: "INSERT INTO thread_messages (thread_id, at, author, author_label, body) VALUES (?, ?, ?, ?, ?)",
        args: [threadId, created + hours * 3600 * 1000, author, label, body],
      });
    }
  }
}

const STATUSES = "CASE abs(random()) % 4 WHEN 0 THEN 'new' WHEN 1 THEN 'in_progress' WHEN 2 THEN 'answered' ELSE 'closed' END";

/**
 * 100,000 threads over the scale accounts (customer numbers 2000000…, from seedScale: three in
 * four complaints, one in four tickets), each with its complaint or ticket row and a first
 * message, and 1,000 tickets for the mobile demo customer 100457319. Chunks of 10,000 rows per
 * statement, generated in the database.
 */
export async function seedThreadsScale(client: Client, total = 100_000, mobileTickets = 1_000): Promise<void> {
  const accounts = Number((await client.execute("SELECT count(*) FROM customers WHERE customer_number >= '2000000' AND length(customer_number) = 7")).rows[0]?.[0] ?? 0);
  const mobile = await idOf(client, "SELECT id FROM customers WHERE customer_number = '100457319'", []);
  const chunk = 10_000;
  const first = Number((await client.execute("SELECT coalesce(max(id), 0) FROM threads")).rows[0]?.[0] ?? 0);
  const spread = total - (mobile === null ? 0 : mobileTickets);
  for (let start = 0; accounts > 0 && start < spread; start += chunk) {
    const size = Math.min(chunk, spread - start);
    await client.execute({
      sql: `WITH RECURSIVE n(i) AS (SELECT ${start} UNION ALL SELECT i + 1 FROM n WHERE i < ${start + size - 1})
        INSERT INTO threads (customer_id, kind, status, title, created_at, updated_at, created_by)
        SELECT c.id, CASE WHEN n.i % 4 = 3 THEN 'ticket' ELSE 'complaint' END, ${STATUSES},
          CASE WHEN n.i % 4 = 3 THEN 'Options des cartes SIM – Réactiver les cartes SIM en pause' ELSE 'Dienst niet of slecht uitgevoerd – ' || k.contract_number END,
          ? - (n.i % 365) * ${day} - n.i, ? - (n.i % 300) * ${day} - n.i, 'scale'
        FROM n JOIN customers c ON c.customer_number = CAST(2000000 + n.i % ${accounts} AS TEXT)
        JOIN contracts k ON k.contract_number = CAST(3000000 + n.i % ${accounts} AS TEXT)`,
      args: [now - 200 * day, now],
    });
  }
  if (mobile !== null) {
    await client.execute({
      sql: `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${mobileTickets - 1})
        INSERT INTO threads (customer_id, kind, status, title, created_at, updated_at, created_by)
        SELECT ?, 'ticket', ${STATUSES}, 'Options des cartes SIM – Arrêter / mettre en pause les cartes SIM', ? - n.i * 3600000, ? - n.i * 3600000, 'scale' FROM n`,
      args: [mobile, now - 30 * day, now - 30 * day],
    });
  }
  // Their rows, each in one statement over every new thread.
  await client.execute({
    sql: `INSERT INTO complaints (thread_id, contract_id, service, nature, service_date)
      SELECT t.id, (SELECT k.id FROM contracts k WHERE k.customer_id = t.customer_id ORDER BY k.id LIMIT 1), 'Restafval 1100 L', 'service_not_done', date(t.created_at / 1000, 'unixepoch', '-1 day')
      FROM threads t WHERE t.id > ? AND t.kind = 'complaint' AND t.created_by = 'scale'`,
    args: [first],
  });
  await client.execute({
    sql: `INSERT INTO tickets (thread_id, subject, detail, phone_number, action_date, requester_email)
      SELECT t.id, 'sim_options', CASE WHEN t.title LIKE '%Arrêter%' THEN 'stop_pause' ELSE 'reactivate_paused' END, '+32470' || printf('%06d', t.id % 1000000), date(t.created_at / 1000, 'unixepoch', '+2 day'), 'fleet@scale.example'
      FROM threads t WHERE t.id > ? AND t.kind = 'ticket' AND t.created_by = 'scale'`,
    args: [first],
  });
  await client.execute({
    sql: `INSERT INTO thread_messages (thread_id, at, author, author_label, body)
      SELECT t.id, t.created_at, 'customer', 'Scale', 'Bericht ' || t.id FROM threads t WHERE t.id > ? AND t.created_by = 'scale'`,
    args: [first],
  });
  await client.execute({
    sql: `INSERT INTO thread_messages (thread_id, at, author, author_label, body)
      SELECT t.id, t.updated_at, 'staff', 'Klantendienst', 'Antwoord ' || t.id FROM threads t WHERE t.id > ? AND t.created_by = 'scale' AND t.status IN ('answered', 'closed')`,
    args: [first],
  });
}
