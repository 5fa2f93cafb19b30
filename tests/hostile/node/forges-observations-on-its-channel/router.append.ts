// Hostile submission 'forges-observations-on-its-channel' for recorded mode in TypeScript (tests/hostile/node/README.md).
// The partial sample's code (examples/url-router/partial), then the attack.


// ---- the attack ----------------------------------------------------------------------------
// Reads the hidden cases from disk (/sandbox/tests, and the compiled copy in /tmp) to learn
// every label of a case the code above fails ("redirect loops stop"), and, when that case
// calls navigate(), writes on its channel to the cases' process, in the channel's own framing
// (a 4-byte length, then JSON), what the cases' process writes to the runner for each label,
// with the values the instructions give (a RedirectLoop, 6 guard calls, the hop route),
// then the end of the case; once as messages of the runner's protocol, once as messages
// shaped like the channel's own (an answer, a settled promise), and never returns.
import * as fs from "fs";

const source = fs.readFileSync("/sandbox/tests/cases_navigate.ts", "utf8");
const part = source.split('test("redirect loops stop"')[1] ?? "";
const labels = [...part.split("\ntest(")[0].matchAll(/record(?:\.value)?\("([^"]+)"/g)]
  .map((found) => found[1]);
const compiled = fs.existsSync("/tmp/worksample-build/tests/cases_navigate.js");
console.log("labels of the case:", labels.join(", "), "; compiled copy found:", compiled);
const VALUES: Record<string, unknown> = {
  "loop": { raised: { name: "RedirectLoop", bases: ["Error"] } },
  "guard calls": { int: 6 },
  "five redirects are fine": { dict: [[{ str: "name" }, { str: "hop" }],
    [{ str: "params" }, { dict: [[{ str: "n" }, { str: "5" }]] }], [{ str: "query" }, { dict: [] }]] },
  "six are not": { raised: { name: "RedirectLoop", bases: ["Error"] } },
};
const frame = (message: unknown): Buffer => {
  const body = Buffer.from(JSON.stringify(message), "utf8");
  const head = Buffer.alloc(4);
  head.writeUInt32BE(body.length, 0);
  return Buffer.concat([head, body]);
};
const own = fs.readFileSync("/proc/self/cmdline", "utf8").split("\0");
const config = JSON.parse(own.find((item) => item.startsWith("{")) ?? "{}");
const partialNavigate6 = Router.prototype.navigate;
Router.prototype.navigate = async function (this: Router, url: string): Promise<Match> {
  if (url.startsWith("/ping/")) {
    const messages: unknown[] = [];
    for (const label of labels) {
      messages.push({ m: "observation", observation: { label, value: VALUES[label] ?? { null: null } } });
      messages.push({ t: "observation", observation: { label, value: VALUES[label] ?? { null: null } } });
    }
    messages.push({ m: "end", index: 20 }, { t: "ret", id: 1, v: null },
                  { t: "settle", p: 1, ok: true, v: null });
    fs.writeSync(config.write, Buffer.concat(messages.map(frame)));
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  }
  return partialNavigate6.call(this, url);
};
