/** WinAnsi bytes 0x80–0x9F that differ from Latin-1 (the rest is Latin-1). */
const winAnsi: Record<number, string> = { 0x80: "€", 0x85: "…", 0x91: "‘", 0x92: "’", 0x93: "“", 0x94: "”", 0x95: "•", 0x96: "–", 0x97: "—" };

const latin1 = (bytes: Uint8Array) => Array.from(bytes, (b) => String.fromCharCode(b)).join("");

async function inflate(data: Uint8Array): Promise<string | null> {
  try {
    const stream = new Blob([data]).stream().pipeThrough(new DecompressionStream("deflate"));
    return latin1(new Uint8Array(await new Response(stream).arrayBuffer()));
  } catch {
    return null;
  }
}

/**
 * The text a PDF written by PdfWriter shows, one drawn string a line: its content streams
 * inflated, each `<hex> Tj` decoded from WinAnsi. Enough to assert on what the reader sees.
 */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const raw = latin1(bytes);
  const lines: string[] = [];
  for (const match of raw.matchAll(/stream\r?\n/g)) {
    if (raw.slice(match.index - 3, match.index) === "end") continue;
    const start = match.index + match[0].length;
    let end = raw.indexOf("endstream", start);
    if (end < 0) continue;
    if (raw[end - 1] === "\n") end--;
    if (raw[end - 1] === "\r") end--;
    const content = await inflate(bytes.slice(start, end));
    if (!content) continue;
    for (const shown of content.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)) {
      const hex = shown[1]!;
      let text = "";
      for (let i = 0; i < hex.length; i += 2) {
        const code = parseInt(hex.slice(i, i + 2), 16);
        text += winAnsi[code] ?? String.fromCharCode(code);
      }
      lines.push(text);
    }
  }
  return lines.join("\n");
}
