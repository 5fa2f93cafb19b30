// Hostile submission 'forges-the-whole-stream' for recorded mode in TypeScript (tests/hostile/node/README.md).
// The starter code (assignments/url-router/starter), then the attack.


// ---- the attack ----------------------------------------------------------------------------
// Takes over its case process's pipe to the runner: at import it writes, in the runner's own
// message format and order, the end of the current file's loading, the list of every case (read
// from the hidden cases' source), then each case with an observation per label it can find
// (values guessed: null), then "done"; and it never returns, so that the real case process
// writes nothing more.
import * as fs from "fs";

const pipe = (() => {
  const out = fs.readlinkSync("/proc/self/fd/1");
  for (const fd of fs.readdirSync("/proc/self/fd")) {
    try {
      const target = fs.readlinkSync(`/proc/self/fd/${fd}`);
      if (target.startsWith("pipe:") && target !== out && Number(fd) > 2) {
        return Number(fd);
      }
    } catch {
      // not one
    }
  }
  return -1;
})();
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
fs.writeSync(pipe, messages.map((m) => JSON.stringify(m)).join("\n") + "\n");
Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); // and never return
