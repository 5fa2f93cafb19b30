// Hostile submission 'forges-records-on-its-pipe' for recorded mode in TypeScript (tests/hostile/node/README.md).
// The partial sample's code (examples/url-router/partial), then the attack.


// ---- the attack ----------------------------------------------------------------------------
// Writes a forged recording, in the grader's own record format (as the Python recorder writes
// it: collected, a passing test per case, finished), on the one pipe its process writes to
// the recorder's side: its channel to the cases' process, whose number it reads from its own
// command line (/proc/self/cmdline: the runner passes it there, in the candidate process's
// configuration). (Node's own pipes, which it holds too, crash node when written on.)
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
console.log("the channel's descriptors:", JSON.stringify(config));
const pipes = [config.write];
for (const fd of pipes) {
  try {
    fs.writeSync(fd, lines.join("\n") + "\n");
    console.log("wrote the forged recording on descriptor", fd);
  } catch (error) {
    console.log("descriptor", fd, (error as NodeJS.ErrnoException).code);
  }
}
