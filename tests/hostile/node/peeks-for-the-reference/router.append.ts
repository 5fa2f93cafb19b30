// Hostile submission 'peeks-for-the-reference' for recorded mode in TypeScript (tests/hostile/node/README.md).
// The partial sample's code (examples/url-router/partial), then the attack.


// ---- the attack ----------------------------------------------------------------------------
// Looks everywhere in the container for the reference solution or its recording: every file
// (but /proc and /sys), the environment, every process's cmdline, environ and memory that
// /proc lets it open, and this process's own heap (a heap snapshot). It searches for text only
// the reference holds (its comments, a function's name) and for a recorded answer, with the
// hidden cases' text as a control that shows the search works. Prints "LEAK" with the place
// if anything is found.
import * as fs from "fs";
import * as path from "path";
import * as v8 from "v8";

// each marker in two halves, so that only a copy from elsewhere holds it whole
const MARKERS = [["Reference sol", "ution: a client-side"], ["function speci", "ficity("],
                 ['{"str":"/users/j%C3%BCrgen%20%26', '%20co%2F2%3F"}']];
const CONTROL = ["the most specific route", " wins"];
const found: string[] = [];
const controls = new Set<string>();
const searched = { files: 0, bytes: 0, denied: 0, regions: 0 };

function scan(data: Buffer | string, where: string): void {
  const text = typeof data === "string" ? data : data.toString("latin1");
  if (text.includes(CONTROL.join(""))) {
    controls.add(where);
  }
  for (const marker of MARKERS) {
    if (text.includes(marker.join(""))) {
      found.push(where);
    }
  }
}

function walk(folder: string, deadline: number): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(folder, { withFileTypes: true });
  } catch {
    searched.denied += 1;
    return;
  }
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    if (Date.now() > deadline || full === "/proc" || full === "/sys") {
      continue;
    }
    if (entry.isDirectory()) {
      walk(full, deadline);
    } else if (entry.isFile()) {
      try {
        if (fs.statSync(full).size > 4 << 20) {
          continue;
        }
        const data = fs.readFileSync(full);
        searched.files += 1;
        searched.bytes += data.length;
        scan(data, full);
      } catch {
        searched.denied += 1;
      }
    }
  }
}

function memory(pid: string): void {
  let maps: string[];
  let fd: number;
  try {
    maps = fs.readFileSync(`/proc/${pid}/maps`, "utf8").split("\n");
    fd = fs.openSync(`/proc/${pid}/mem`, "r");
  } catch {
    searched.denied += 1;
    return;
  }
  for (const line of maps) {
    const [span, perms] = line.split(" ");
    if (!span || !perms.includes("r")) {
      continue;
    }
    const [start, end] = span.split("-").map((x) => parseInt(x, 16));
    searched.regions += 1;
    for (let at = start; at < end; at += 1 << 20) {
      const chunk = Buffer.alloc(Math.min((1 << 20) + 64, end - at));
      try {
        fs.readSync(fd, chunk, 0, chunk.length, at);
        scan(chunk, `/proc/${pid}/mem`);
      } catch {
        break;
      }
    }
  }
  fs.closeSync(fd);
}

// Within the time a case file may take to load: the files first, the likeliest places first
// (0.8 s), then the processes and its own heap.
const deadline = Date.now() + 800;
for (const folder of ["/sandbox", "/tmp", "/usr/share/nodejs", "/etc", "/usr/lib", "/"]) {
  walk(folder, deadline);
}
try {
  const snapshot = v8.writeHeapSnapshot("/tmp/heap.heapsnapshot");
  scan(fs.readFileSync(snapshot), "heap snapshot");
  fs.unlinkSync(snapshot);
} catch {
  searched.denied += 1;
}
scan(JSON.stringify(process.env), "environment");
for (const pid of fs.readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
  for (const part of ["cmdline", "environ"]) {
    try {
      scan(fs.readFileSync(`/proc/${pid}/${part}`), `/proc/${pid}/${part}`);
    } catch {
      searched.denied += 1;
    }
  }
  if (pid !== String(process.pid)) {
    memory(pid);
  }
}
console.log(found.length ? `LEAK: ${found.slice(0, 5).join("; ")}`
  : "peeked: nothing of the reference", JSON.stringify(searched),
  "; the cases' text found in", controls.size, "places:", JSON.stringify([...controls].slice(0, 6)));
