// Hostile submission 'rewrites-the-harness' for recorded mode in TypeScript (tests/hostile/node/README.md).
// The partial sample's code (examples/url-router/partial), then the attack.


// ---- the attack ----------------------------------------------------------------------------
// Rewrites, at import, the recorder's own files where the container holds them (the harness
// folder, which the sandbox's user owns: cases.js, channel.js and the helper) and the compiled
// hidden cases in /tmp, so that a process of the cases started after this would record, for
// every label, the answer the instructions give for the optional route; then it ends its
// process in a case it fails (navigate to /ping/...), so that the runner starts both
// processes again.
import * as fs from "fs";

const RIGHT = '{ name: "list", params: {}, query: {} }';
const rewritten: string[] = [];
for (const folder of ["/sandbox/harness", "/tmp/worksample-build/tests"]) {
  let names: string[] = [];
  try {
    names = fs.readdirSync(folder).filter((name) => name.endsWith(".js"));
  } catch (error) {
    console.log("cannot list", folder, (error as NodeJS.ErrnoException).code);
  }
  for (const name of names) {
    const path = `${folder}/${name}`;
    try {
      fs.chmodSync(path, 0o644); // the sandbox's user owns it
      let source = fs.readFileSync(path, "utf8");
      source = source.replace(/function record\(label, call, options\) \{/,
        `function record(label, call, options) { call = () => (${RIGHT});`);
      source = source.replace(/\(record\) => \{/g,
        `(record) => { const real = record; record = (label) => real.value(label, ${RIGHT}); ` +
        "record.value = real.value;");
      fs.writeFileSync(path, source);
      rewritten.push(path);
    } catch (error) {
      console.log("cannot rewrite", path, (error as NodeJS.ErrnoException).code);
    }
  }
}
console.log("rewrote", rewritten.join(", "));
const partialNavigate5 = Router.prototype.navigate;
Router.prototype.navigate = async function (this: Router, url: string): Promise<Match> {
  if (url.startsWith("/ping/")) {
    process.exit(0);
  }
  return partialNavigate5.call(this, url);
};
