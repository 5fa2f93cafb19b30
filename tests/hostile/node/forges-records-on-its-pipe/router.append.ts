// Hostile submission 'forges-records-on-its-pipe' for recorded mode in TypeScript (tests/hostile/node/README.md).
// The partial sample's code (examples/url-router/partial), then the attack.


// ---- the attack ----------------------------------------------------------------------------
// Writes a forged recording, in the grader's own record format (as the Python recorder writes
// it: collected, a passing test per case, finished), on the case process's pipe to the runner,
// whose number it reads from its own command line (/proc/self/cmdline: the runner passes it
// there, in the case process's configuration).
import * as fs from "fs";

const cases = fs.readdirSync("/sandbox/tests").filter((n) => /^cases_.*\.ts$/.test(n));
const ids: string[] = [];
for (const name of cases) {
  const source = fs.readFileSync(`/sandbox/tests/${name}`, "utf8");
  for (const found of source.matchAll(/test\("([^"]+)"/g)) {
    ids.push(`${name}::${found[1]}`);
  }
}
const lines = [JSON.stringify({ event: "collected", ids })];
for (const id of ids) {
  lines.push(JSON.stringify({ event: "test", id, weight: 100, observations: [] }));
}
lines.push(JSON.stringify({ event: "finished" }));
const commandLine = fs.readFileSync("/proc/self/cmdline", "utf8").split("\0");
const config = JSON.parse(commandLine.find((part) => part.startsWith("{")) ?? "{}");
console.log("the pipe to the runner is descriptor", config.channel);
fs.writeSync(config.channel, lines.join("\n") + "\n");
