// After `npm install`: where the registry offers only this machine's workerd build, npm writes
// no lock entries for the other platforms' optional packages, and `npm ci` then refuses the lock.
// This adds those entries (optional, never installed here) so `npm ci` works on a fresh clone.
// Usage: node scripts/lock-platforms.ts
import { readFileSync, writeFileSync } from "node:fs";

type Entry = { version: string; optionalDependencies?: Record<string, string>; [key: string]: unknown };
const lock = JSON.parse(readFileSync("package-lock.json", "utf8")) as { packages: Record<string, Entry> };
const added: string[] = [];
for (const [path, meta] of Object.entries(lock.packages)) {
  if (!/(^|\/)node_modules\/workerd$/.test(path)) continue;
  const parent = path.slice(0, -"workerd".length);
  for (const [dep, version] of Object.entries(meta.optionalDependencies ?? {})) {
    const hoisted = lock.packages[`node_modules/${dep}`];
    if (lock.packages[`${parent}${dep}`] || hoisted?.version === version) continue;
    const target = hoisted ? `${parent}${dep}` : `node_modules/${dep}`;
    const os = dep.includes("darwin") ? "darwin" : dep.includes("windows") ? "win32" : "linux";
    lock.packages[target] = { version, cpu: [dep.includes("arm64") ? "arm64" : "x64"], os: [os], optional: true, license: "Apache-2.0", engines: { node: ">=16" } };
    added.push(`${target}@${version}`);
  }
}
const sorted = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a < b ? -1 : a > b ? 1 : 0)));
writeFileSync("package-lock.json", `${JSON.stringify({ ...lock, packages: sorted }, null, 2)}\n`);
console.log(added.length ? `added ${added.join(", ")}` : "lock file already complete");
