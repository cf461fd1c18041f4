// The resident memory of the workerd process that serves the app under `wrangler dev` (Linux /proc).
import { readdirSync, readFileSync, readlinkSync } from "node:fs";

function parentOf(pid: number): number {
  // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces and parentheses.
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
}

function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const pid = Number(name);
      const parent = parentOf(pid);
      children.set(parent, [...(children.get(parent) ?? []), pid]);
    } catch {
      // ended meanwhile
    }
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length) {
    for (const child of children.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** Socket inodes listening on a TCP port (IPv4 and IPv6). */
function listeningInodes(port: number): Set<string> {
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text = "";
    try {
      text = readFileSync(table, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10) continue;
      const localPort = parseInt(cols[1]!.split(":")[1]!, 16);
      if (localPort === port && cols[3] === "0A") inodes.add(cols[9]!);
    }
  }
  return inodes;
}

function ownsSocket(pid: number, inodes: Set<string>): boolean {
  try {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      try {
        const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
        const match = target.match(/^socket:\[(\d+)\]$/);
        if (match && inodes.has(match[1]!)) return true;
      } catch {
        // closed meanwhile
      }
    }
  } catch {
    // not ours to read, or ended
  }
  return false;
}

export type WorkerdProcess = { pid: number; cmdline: string; how: string };

/**
 * The workerd under `wrangler dev` (pid `wranglerPid`) that serves the app: of wrangler's workerd
 * descendants, the one listening on the app's port; if none listens there itself (a proxy in
 * front), the one with the user worker's entry (the largest RSS, which is the one running the app).
 */
export function findAppWorkerd(wranglerPid: number, appPort: number): WorkerdProcess {
  const workerds = descendants(wranglerPid)
    .map((pid) => {
      try {
        return { pid, cmdline: readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ").trim() };
      } catch {
        return undefined;
      }
    })
    .filter((p): p is { pid: number; cmdline: string } => !!p && /(^|\/)workerd\b/.test(p.cmdline.split(" ")[0] ?? ""));
  if (workerds.length === 0) throw new Error(`no workerd process under wrangler (pid ${wranglerPid})`);
  const inodes = listeningInodes(appPort);
  const listening = workerds.filter((p) => ownsSocket(p.pid, inodes));
  if (listening.length === 1) return { ...listening[0]!, how: `listens on port ${appPort}, 1 of ${workerds.length} workerd under wrangler` };
  if (workerds.length === 1) return { ...workerds[0]!, how: "the only workerd under wrangler" };
  const largest = workerds.map((p) => ({ ...p, rss: rssOf(p.pid) })).sort((a, b) => b.rss - a.rss)[0]!;
  return { pid: largest.pid, cmdline: largest.cmdline, how: `largest of ${workerds.length} workerd under wrangler (none listens on ${appPort} itself)` };
}

/** VmRSS of one process, in bytes (0 if it has ended). */
export function rssOf(pid: number): number {
  try {
    const match = readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+) kB/);
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

export const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
