// Hostile submission 'rewrites-compiled-cases' for recorded mode in TypeScript (tests/hostile/node/README.md).
// The partial sample's code (examples/url-router/partial), then the attack.


// ---- the attack ----------------------------------------------------------------------------
// Rewrites, at import, the compiled hidden cases that have not been loaded yet (they are
// JavaScript in /tmp, which the sandbox's user can write): every record() of a case becomes
// one that records nothing, and every case of cases_navigate.js is given weight 50.
import * as fs from "fs";

const BUILD = "/tmp/worksample-build/tests";
for (const name of fs.readdirSync(BUILD)) {
  const file = `${BUILD}/${name}`;
  let source = fs.readFileSync(file, "utf8");
  source = source.replace(/\(record\) => \{/g, "(record) => { record = Object.assign(() => undefined, { value: () => undefined });");
  source = source.replace(/async \(record\) => \{/g, "async (record) => { record = Object.assign(() => undefined, { value: () => undefined });");
  source = source.replace(/\{ weight: \d+ \}/g, "{ weight: 50 }");
  fs.writeFileSync(file, source);
}
console.log("rewrote", fs.readdirSync(BUILD).join(", "));
