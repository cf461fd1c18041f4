// Collection calendars of the waste demo contracts (manual 000/001 p.11, "ophaalkalender").
import type { Client } from "@libsql/client/node";

const FROM = "2026-11-01";
const TO = "2027-06-30";

/** Every contract its own weekday; residual waste weekly, PMD and paper-cardboard every other week, alternating. */
const plans: { contract: string; weekday: number }[] = [
  { contract: "5422", weekday: 1 },
  { contract: "5423", weekday: 2 },
  { contract: "5424", weekday: 4 },
];

function* days(weekday: number): Generator<{ date: string; week: number }> {
  const date = new Date(`${FROM}T12:00:00Z`);
  while (date.getUTCDay() !== weekday) date.setUTCDate(date.getUTCDate() + 1);
  for (let week = 0; date.toISOString().slice(0, 10) <= TO; week++) {
    yield { date: date.toISOString().slice(0, 10), week };
    date.setUTCDate(date.getUTCDate() + 7);
  }
}

export async function seedCalendar(client: Client): Promise<void> {
  const statements: { sql: string; args: (string | number)[] }[] = [];
  for (const plan of plans) {
    for (const { date, week } of days(plan.weekday)) {
      for (const fraction of ["Restafval", week % 2 === 0 ? "PMD" : "Papier-karton"]) {
        statements.push({
          sql: "INSERT INTO collection_days (contract_id, date, fraction) SELECT id, ?, ? FROM contracts WHERE contract_number = ? AND NOT EXISTS (SELECT 1 FROM collection_days d WHERE d.contract_id = contracts.id AND d.date = ? AND d.fraction = ?)",
          args: [date, fraction, plan.contract, date, fraction],
        });
      }
    }
  }
  await client.batch(statements, "write");
}
