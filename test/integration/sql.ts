import { createClient } from "@libsql/client/web";
import { inject } from "vitest";

/** Reads and writes the test database directly, to check what is stored. */
export async function sql<T = Record<string, unknown>>(statement: string, args: (string | number | null)[] = []): Promise<T[]> {
  const client = createClient({ url: inject("dbUrl"), authToken: inject("dbToken") });
  try {
    const result = await client.execute({ sql: statement, args });
    return result.rows as unknown as T[];
  } finally {
    client.close();
  }
}
