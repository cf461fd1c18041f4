/**
 * A keyset position on (a moment, an id), written "1733050000000.42" in a page's address: the
 * desk's queues, History, the maintenance windows and the terms versions page this way.
 */
export type Cursor = { at: number; id: number };

export function parseCursor(value: string | undefined): Cursor | null {
  const match = /^(\d{1,15})\.(\d{1,15})$/.exec(value ?? "");
  return match ? { at: Number(match[1]), id: Number(match[2]) } : null;
}

export const cursorText = (cursor: Cursor) => `${cursor.at}.${cursor.id}`;
