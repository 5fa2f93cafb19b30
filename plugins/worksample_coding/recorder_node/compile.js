// The Node recorder's TypeScript step: type-check and compile the hidden case files and the
// code under test they import into a folder of CommonJS, with the TypeScript compiler the
// image carries (Debian's node-typescript) and worksample's own options. It runs none of the
// code it compiles. Prints, as one JSON object, the compiler's errors sorted by where they are,
// each place as {"count", "errors"} (the first 50): {"submission": ..., "cases": {"cases_x.ts":
// ...}, "other": ...}.
//
// argv: [node, compile.js, CONFIG_JSON]: files (case file names in tests), tests, work, out,
// helper (the helper's path without its extension), type_roots; code_cache (a V8 code cache
// of the compiler, made by the reference's run, to load it with) or make_code_cache (where
// to write one, once the compile is done).
//
// Most of a compile is V8 compiling the compiler's own JavaScript as it runs (10 MB of it):
// a code cache made after a whole compile holds what it compiled, and saves about 0.2 s of
// CPU a compile. It is made in the reference's run, before any code under test runs, kept on
// the grader's host, and sent to the candidates' runs (recorded.py: artifacts); V8 refuses one
// made by another V8 or with other flags, and the compiler then compiles as before.

"use strict";

const fs = require("fs");
const path = require("path");
const vm = require("vm");
const Module = require("module");

const config = JSON.parse(process.argv[2]);

// The compiler, loaded through a vm.Script (so that a code cache can be given and made)
const compilerFile = require.resolve("typescript");
const compilerScript = new vm.Script(Module.wrap(fs.readFileSync(compilerFile, "utf8")), {
  filename: compilerFile,
  cachedData: config.code_cache ? fs.readFileSync(config.code_cache) : undefined,
});
const compilerModule = { exports: {} };
compilerScript.runInThisContext()(compilerModule.exports, require, compilerModule, compilerFile,
                                  path.dirname(compilerFile));
const ts = compilerModule.exports;
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

if (config.make_code_cache) {
  fs.writeFileSync(config.make_code_cache, compilerScript.createCachedData());
}
process.stdout.write(JSON.stringify(found) + "\n");
