// The start of the process of the hidden cases (node -e, this text): it loads its JavaScript
// from the bundle runner.py hands it (a memfd: the recorder's files and the hidden cases,
// read before any code of the candidate ran), never from disk, which the candidate's code
// can write. A CommonJS loader over that bundle: require() of a Node built-in gives it; of a
// name the bundle maps, or a path, the bundle's file; anything else goes to the fallback
// cases.js sets (the code under test, in the candidate's process).
//
// argv: [node, CONFIG_JSON]: bundle (its descriptor) and what cases.js reads.
"use strict";
{
  const fs = require("fs");
  const path = require("path");
  const vm = require("vm");
  const builtins = new Set(require("module").builtinModules);
  const config = JSON.parse(process.argv[1]);
  process.argv.length = 1;
  const bundle = JSON.parse(fs.readFileSync(`/proc/self/fd/${config.bundle}`, "utf8"));
  const files = new Map(Object.entries(bundle.files));
  const names = new Map(Object.entries(bundle.names));
  const cache = new Map();
  let fallback = null;

  const find = (request, from) => {
    if (names.has(request)) {
      return names.get(request);
    }
    if (/^\.\.?\//.test(request) || request.startsWith("/")) {
      const base = path.resolve(path.dirname(from), request);
      return [base, `${base}.js`, `${base}.json`, `${base}/index.js`].find((f) => files.has(f));
    }
    return undefined;
  };

  const load = (file) => {
    const known = cache.get(file);
    if (known !== undefined) {
      return known.exports;
    }
    const module = { exports: {}, filename: file, id: file, loaded: false };
    cache.set(file, module);
    try {
      if (file.endsWith(".json")) {
        module.exports = JSON.parse(files.get(file));
      } else {
        const wrapper = vm.compileFunction(files.get(file),
          ["exports", "require", "module", "__filename", "__dirname"], { filename: file });
        wrapper.call(module.exports, module.exports, requireFrom(file), module, file,
                     path.dirname(file));
      }
    } catch (error) {
      cache.delete(file);
      throw error;
    }
    module.loaded = true;
    return module.exports;
  };

  const requireFrom = (from) => function require_(request) {
    if (typeof request !== "string" || request === "") {
      throw new TypeError("require() takes a module name");
    }
    if (builtins.has(request) || request.startsWith("node:")) {
      return require(request);
    }
    if (request === "worksample-loader") {
      return loader;
    }
    const file = find(request, from);
    if (file !== undefined) {
      return load(file);
    }
    if (fallback !== null) {
      return fallback(request, from);
    }
    const error = new Error(`Cannot find module '${request}'`);
    error.code = "MODULE_NOT_FOUND";
    throw error;
  };

  const loader = Object.freeze({
    config,
    load,
    has: (file) => files.has(file),
    setFallback(given) {
      fallback = given;
    },
  });
  load(bundle.main);
}
