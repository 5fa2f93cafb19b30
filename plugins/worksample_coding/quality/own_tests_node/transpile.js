// The own-tests runner's TypeScript step: each of the submission's .ts files (its code and its
// own tests) transpiled alone with the image's TypeScript compiler (ts.transpileModule: no type
// check, the submission's tsconfig.json not read) to CommonJS for the Node the image runs, into
// a folder keeping the layout, where Node's test runner then runs the tests as JavaScript. It
// runs none of the code it transpiles. Prints one JSON object: for each file (path relative to
// the submission) the compiler's syntax errors (the first 5) and, for each line of the
// JavaScript written, the lines of the .ts file it came from (read from the source map), so
// that coverage can be counted on the candidate's own lines.
//
// argv: [node, transpile.js, CONFIG_JSON]: work, out, files (paths relative to work).

"use strict";

const fs = require("fs");
const path = require("path");
const ts = require(require.resolve("typescript"));

const config = JSON.parse(process.argv[2]);
const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const MOST_ERRORS = 5;
const CHARS = 500;

/** For each generated line of a source map's ``mappings``, the original lines (1-based). */
function originalLines(mappings) {
  let original = 0;
  return mappings.split(";").map((group) => {
    const lines = new Set();
    for (const segment of group.split(",")) {
      const fields = [];
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const digit = BASE64.indexOf(char);
        value += (digit & 31) << shift;
        shift += 5;
        if (!(digit & 32)) {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      if (fields.length >= 4) {
        original += fields[2]; // relative to the previous segment's, across the whole map
        lines.add(original + 1);
      }
    }
    return [...lines];
  });
}

/** A diagnostic as the compiler prints it, with where it is. */
function shown(name, diagnostic) {
  let where = name;
  if (diagnostic.file && diagnostic.start !== undefined) {
    const at = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    where += `(${at.line + 1},${at.character + 1})`;
  }
  const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, " ");
  return `${where}: error TS${diagnostic.code}: ${text}`.slice(0, CHARS);
}

/** ``name`` transpiled into config.out: its errors and its lines' origins. */
function transpile(name) {
  const output = ts.transpileModule(fs.readFileSync(path.join(config.work, name), "utf8"), {
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2020, // what Node 18 runs
      esModuleInterop: true,
      sourceMap: true,
      newLine: ts.NewLineKind.LineFeed,
    },
    fileName: path.basename(name),
    reportDiagnostics: true,
  });
  const errors = output.diagnostics
    .filter((diagnostic) => diagnostic.category === ts.DiagnosticCategory.Error)
    .map((diagnostic) => shown(name, diagnostic));
  const target = path.join(config.out, name.replace(/\.ts$/, ".js"));
  fs.mkdirSync(path.dirname(target), { recursive: true });
  // without the sourceMappingURL comment: Node is not to look for the map
  fs.writeFileSync(target, output.outputText.replace(/\n\/\/# sourceMappingURL=.*\s*$/, "\n"));
  return {
    errors: errors.slice(0, MOST_ERRORS),
    lines: originalLines(JSON.parse(output.sourceMapText).mappings),
  };
}

const found = {};
for (const name of config.files) {
  try {
    found[name] = transpile(name);
  } catch (error) {
    found[name] = { errors: [`${name}: ${String(error)}`.slice(0, CHARS)], lines: [] };
  }
}
process.stdout.write(JSON.stringify(found) + "\n");
