// The Node recorder's TypeScript step: type-check and compile the hidden case files and the
// code under test they import into a folder of CommonJS, with the TypeScript compiler the
// image carries (Debian's node-typescript) and worksample's own options. It runs none of the
// code it compiles. Prints, as one JSON object, the compiler's errors sorted by where they are,
// each place as {"count", "errors"} (the first 50): {"submission": ..., "cases": {"cases_x.ts":
// ...}, "other": ...}.
//
// argv: [node, compile.js, CONFIG_JSON]: files (case file names in tests), tests, work, out,
// helper (the helper's path without its extension), type_roots.

"use strict";

const path = require("path");
const ts = require("typescript");

const config = JSON.parse(process.argv[2]);
const MOST = 50; // errors kept per place
const CHARS = 500; // of each

const options = {
  strict: true,
  target: ts.ScriptTarget.ES2022,
  lib: ["lib.es2022.d.ts"],
  module: ts.ModuleKind.CommonJS,
  moduleResolution: ts.ModuleResolutionKind.NodeJs,
  esModuleInterop: true,
  resolveJsonModule: true,
  skipLibCheck: true,
  forceConsistentCasingInFileNames: true,
  types: ["node"],
  typeRoots: [config.type_roots],
  rootDir: "/sandbox",
  outDir: config.out,
  baseUrl: "/sandbox",
  paths: { "worksample-cases": [config.helper], "*": [path.relative("/sandbox", config.work) + "/*"] },
  noEmitOnError: false,
  newLine: ts.NewLineKind.LineFeed,
};

const roots = config.files.map((name) => path.join(config.tests, name));
const program = ts.createProgram(roots, options);
const emitted = program.emit();
const diagnostics = ts.getPreEmitDiagnostics(program).concat(emitted.diagnostics);

const found = { submission: { count: 0, errors: [] }, cases: {}, other: { count: 0, errors: [] } };

function shown(diagnostic) {
  const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, " ");
  let where = "";
  if (diagnostic.file) {
    const file = diagnostic.file.fileName;
    const base = file.startsWith(config.work + "/") ? config.work
      : file.startsWith(config.tests + "/") ? config.tests : "";
    where = base ? path.relative(base, file) : file;
    if (diagnostic.start !== undefined) {
      const at = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
      where += `(${at.line + 1},${at.character + 1})`;
    }
    where += ": ";
  }
  const kind = diagnostic.category === ts.DiagnosticCategory.Error ? "error" : "warning";
  return `${where}${kind} TS${diagnostic.code}: ${text}`.slice(0, CHARS);
}

for (const diagnostic of diagnostics) {
  if (diagnostic.category !== ts.DiagnosticCategory.Error) {
    continue;
  }
  const file = diagnostic.file ? diagnostic.file.fileName : "";
  const name = path.basename(file);
  let place = found.other;
  if (file.startsWith(config.work + "/")) {
    place = found.submission;
  } else if (path.dirname(file) === config.tests && config.files.includes(name)) {
    place = found.cases[name] = found.cases[name] || { count: 0, errors: [] };
  }
  place.count += 1;
  if (place.errors.length < MOST) {
    place.errors.push(shown(diagnostic));
  }
}

process.stdout.write(JSON.stringify(found) + "\n");
