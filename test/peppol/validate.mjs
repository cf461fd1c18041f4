#!/usr/bin/env node
// Validates UBL invoices and credit notes against the official Peppol BIS Billing 3.0 rules
// (release 2025.11): the CEN EN 16931 rules and the Peppol rules, as compiled XSLT.
//
//   node test/peppol/validate.mjs invoice.xml [more.xml ...]
//
// Needs the `xslt3` package (SaxonJS, XSLT 3.0 for Node) installed in the project that runs it
// (`npm install -D xslt3`). The stylesheets (next to this script) are compiled once into the
// system temp folder (PEPPOL_SEF_CACHE overrides it); every document is then validated in this one
// process with SaxonJS (the copy in ../shared ran two processes per document: ~1 s each).
// Prints every failed assertion (rule id, flag, text, location); exits 1 when any is fatal.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, renameSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);

const here = dirname(fileURLToPath(import.meta.url));
const files = process.argv.slice(2);
if (!files.length) {
  console.error("usage: validate.mjs invoice.xml [more.xml ...]");
  process.exit(2);
}

let xslt3;
try {
  xslt3 = createRequire(join(process.cwd(), "package.json")).resolve("xslt3/xslt3.js");
} catch {
  // Run from elsewhere: the project this copy lives in.
  xslt3 = undefined;
}
try {
  xslt3 ??= createRequire(import.meta.url).resolve("xslt3/xslt3.js");
} catch {
  console.error("xslt3 is not installed in this project: npm install -D xslt3");
  process.exit(2);
}

const saxon = createRequire(xslt3)("saxon-js");
const cache = process.env.PEPPOL_SEF_CACHE || join(tmpdir(), "peppol-2025.11-sef");
mkdirSync(cache, { recursive: true });
// The two stylesheets compile in two processes at once (about 25 s each, once).
const stylesheets = await Promise.all(
  ["CEN-EN16931-UBL", "PEPPOL-EN16931-UBL"].map(async (name) => {
    const xsl = join(here, `${name}.xslt`);
    const sef = join(cache, `${name}.sef.json`);
    if (!existsSync(sef) || statSync(sef).mtimeMs < statSync(xsl).mtimeMs) {
      // Written under a temporary name, then renamed: a parallel run never reads half a file.
      const partial = join(cache, `${name}.${process.pid}.partial.sef.json`);
      await run(process.execPath, [xslt3, `-xsl:${xsl}`, `-export:${partial}`, "-nogo", "-relocate:on"], { maxBuffer: 16 << 20 });
      renameSync(partial, sef);
    }
    // Parsed once: SaxonJS then prepares each stylesheet once for all the documents.
    return { name, stylesheet: JSON.parse(readFileSync(sef, "utf8")) };
  }),
);

const decode = (s) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
let fatal = 0;
for (const file of files) {
  const path = resolve(file);
  readFileSync(path); // a clear error for a missing file
  const failures = [];
  for (const { name, stylesheet } of stylesheets) {
    const svrl = saxon.transform({ stylesheetInternal: stylesheet, sourceFileName: path, destination: "serialized" }, "sync").principalResult;
    for (const m of svrl.matchAll(/<svrl:failed-assert\b([^>]*)>([\s\S]*?)<\/svrl:failed-assert>/g)) {
      const attr = (k) => (m[1].match(new RegExp(`\\b${k}="([^"]*)"`)) ?? [])[1] ?? "";
      const text = decode((m[2].match(/<svrl:text>([\s\S]*?)<\/svrl:text>/) ?? [])[1] ?? "").trim();
      failures.push({ set: name, id: attr("id"), flag: attr("flag"), text, location: decode(attr("location")) });
    }
  }
  const fatals = failures.filter((f) => f.flag === "fatal");
  fatal += fatals.length;
  console.log(`${file}: ${fatals.length ? "INVALID" : "valid"} (${fatals.length} fatal, ${failures.length - fatals.length} warnings)`);
  for (const f of failures) console.log(`  [${f.flag}] ${f.id}: ${f.text}\n      at ${f.location}`);
}
process.exit(fatal ? 1 : 0);
