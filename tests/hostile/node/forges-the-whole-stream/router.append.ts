// Hostile submission 'forges-the-whole-stream' for recorded mode in TypeScript (tests/hostile/node/README.md).
// The starter code (assignments/url-router/starter), then the attack.


// ---- the attack ----------------------------------------------------------------------------
// Takes over the stream the runner reads, as well as it can: at import it writes, in the
// cases' process's own message format and order, the end of the current file's loading, the
// list of every case (read from the hidden cases' source), then each case with an observation
// per label it can find (values guessed: null), then "done", on the pipe of the cases' process
// to the runner if it can open it (/proc/<that process>/fd), and else on the pipe it holds to
// that process (its channel, whose number its command line gives); and it never returns, so
// that the real process of the cases writes nothing more.
import * as fs from "fs";

const files = fs.readdirSync("/sandbox/tests").filter((n) => /^cases_.*\.ts$/.test(n)).sort();
const cases: { id: string; labels: string[] }[] = [];
for (const name of files) {
  const source = fs.readFileSync(`/sandbox/tests/${name}`, "utf8");
  for (const part of source.split(/\ntest\(/).slice(1)) {
    const caseName = /^"([^"]+)"/.exec(part);
    if (caseName) {
      const labels = [...part.matchAll(/record(?:\.value)?\("([^"]+)"/g)].map((m) => m[1]);
      cases.push({ id: `${name}::${caseName[1]}`, labels });
    }
  }
}
const messages: object[] = [{ m: "loaded", file: files[0], error: null },
  { m: "collected", cases: cases.map((c) => ({ id: c.id, weight: 100, criterion: null })) }];
cases.forEach((c, index) => {
  messages.push({ m: "begin", index });
  for (const label of c.labels) {
    messages.push({ m: "observation", observation: { label, value: { null: null } } });
  }
  messages.push({ m: "end", index });
});
messages.push({ m: "done" });
const stream = messages.map((m) => JSON.stringify(m)).join("\n") + "\n";

// the cases' process: the other node process whose command line carries the records pipe
const targets: string[] = [];
for (const pid of fs.readdirSync("/proc").filter((entry) => /^\d+$/.test(entry))) {
  try {
    const commandLine = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
    const config = JSON.parse(commandLine.find((part) => part.startsWith("{")) ?? "{}");
    if (typeof config.records === "number") {
      targets.push(`/proc/${pid}/fd/${config.records}`);
    }
  } catch {
    // not one
  }
}
let written = false;
for (const target of targets) {
  try {
    const fd = fs.openSync(target, "w");
    fs.writeSync(fd, stream);
    written = true;
  } catch (error) {
    console.log("could not open", target, (error as NodeJS.ErrnoException).code);
  }
}
if (!written) {
  const own = fs.readFileSync("/proc/self/cmdline", "utf8").split("\0");
  const config = JSON.parse(own.find((part) => part.startsWith("{")) ?? "{}");
  fs.writeSync(config.write, stream);
}
Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); // and never return
