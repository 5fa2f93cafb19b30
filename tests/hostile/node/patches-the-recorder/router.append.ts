// Hostile submission 'patches-the-recorder' for recorded mode in TypeScript (tests/hostile/node/README.md).
// The partial sample's code (examples/url-router/partial), then the attack.


// ---- the attack ----------------------------------------------------------------------------
// Patches, at import, everything the recorder could use to read a value or write a message,
// to make a wrong answer look right: class instances claim to be plain objects, Proxies claim
// not to be Proxies, getters claim to be data, strings and arrays serialise as chosen, the
// array iterator skips keys, writes to the pipe are rewritten; and it reaches for the helper's
// own registry (through the symbol it exports to the runner; by its name, or else by its file
// in the harness folder) to drop the cases this code fails and to re-weigh the others.
// (the modules themselves, not the read-only namespace objects an import would give)
const fs = require("fs");
const util = require("util");

// the helper first, before the built-ins it takes when it loads are patched
const helper = (() => {
  try {
    return require("worksample-cases");
  } catch {
    return require("/sandbox/harness/worksample-cases.js");
  }
})();
const FAILED = new Set(["optional parameter", "wildcard", "query strings", "bad patterns",
                        "bad links", "query keys are data", "redirect loops stop"]);
const realGetPrototypeOf = Object.getPrototypeOf;
Object.getPrototypeOf = (value: any) => (value instanceof Router ? Object.prototype
  : realGetPrototypeOf(value));
util.types.isProxy = () => false;
util.types.isPromise = () => false;
Array.isArray = ((value: any): value is any[] => true) as any;
Object.getOwnPropertyDescriptor = ((object: any, key: PropertyKey) => ({
  value: object[key], enumerable: true, writable: true, configurable: true })) as any;
(Object as any).hasOwn = () => true;
JSON.stringify = (() => '{"null":null}') as any;
(Object.prototype as any).toJSON = function () {
  return null;
};
const realIterator = Array.prototype[Symbol.iterator];
Array.prototype[Symbol.iterator] = function (this: unknown[]) {
  return realIterator.call(this.filter((item) => item !== "__proto__"));
} as any;
(Map.prototype as any).entries = function () {
  return [][Symbol.iterator]();
};
const realWrite = fs.writeSync;
fs.writeSync = (fd: number, data: any, ...rest: any[]) =>
  realWrite(fd, typeof data === "string" ? data.replace(/"raised"/g, '"null"') : data,
            ...rest);
// The helper's registry, replaced by a Proxy that never keeps a case this code fails and
// registers every other with weight 1000.
const runner = helper[Symbol.for("worksample.runner")];
runner.registry.cases = new Proxy([] as any[], {
  set(target, key, value) {
    if (key === "length" && value > target.length) {
      return true; // a dropped case leaves no hole
    }
    if (value && typeof value === "object" && typeof value.id === "string") {
      if (FAILED.has(value.id.split("::")[1])) {
        return true;
      }
      value = { ...value, weight: 1000 };
    }
    target[key as any] = value;
    return true;
  },
});
