/**
 * A tiny XML builder for the UBL: elements are values, and every text and attribute passes through
 * one escape function when the tree is written, so no value (a customer's name, a line's text)
 * can ever reach the output unescaped. No dependency: a few hundred bytes in the Worker bundle.
 */
export type XmlNode = { name: string; attrs: Record<string, string>; children: XmlNode[]; text: string | null };

/** A child slot: an element, or nothing (undefined/null/false) for an optional one. */
export type XmlChild = XmlNode | null | undefined | false;

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

/** Text and attribute values: the five XML specials escaped; characters XML 1.0 forbids are dropped. */
export function escapeXml(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters XML 1.0 does not allow
  return value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "").replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** An element with child elements. */
export function el(name: string, attrs: Record<string, string | undefined> | null, ...children: XmlChild[]): XmlNode {
  return { name, attrs: cleanAttrs(attrs), children: children.filter((c): c is XmlNode => Boolean(c)), text: null };
}

/** An element holding text; null/undefined/"" → no element at all (an optional field left out). */
export function leaf(name: string, text: string | number | null | undefined, attrs: Record<string, string | undefined> | null = null): XmlNode | null {
  if (text === null || text === undefined || text === "") return null;
  return { name, attrs: cleanAttrs(attrs), children: [], text: String(text) };
}

function cleanAttrs(attrs: Record<string, string | undefined> | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(attrs ?? {})) if (v !== undefined) out[k] = v;
  return out;
}

function write(node: XmlNode, out: string[]): void {
  out.push("<", node.name);
  for (const [k, v] of Object.entries(node.attrs)) out.push(" ", k, '="', escapeXml(v), '"');
  if (node.text !== null) {
    out.push(">", escapeXml(node.text), "</", node.name, ">");
  } else if (node.children.length === 0) {
    out.push("/>");
  } else {
    out.push(">");
    for (const child of node.children) write(child, out);
    out.push("</", node.name, ">");
  }
}

/** The document with its XML declaration, UTF-8. */
export function xmlDocument(root: XmlNode): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  write(root, out);
  out.push("\n");
  return out.join("");
}
