// Hostile submission 'reaches-require-cache' for recorded mode in TypeScript (tests/hostile/node/README.md).
// The partial sample's code (examples/url-router/partial), then the attack.


// ---- the attack ----------------------------------------------------------------------------
// Looks for the recorder the way code loaded by an in-process recorder would reach it: every
// module in require.cache, the chain of module.parent from this module, require.main and
// process.mainModule, and every global, for the helper ("worksample-cases"), its registry (the
// symbol it exports to its runner) or a record function; where it finds a registry, it wraps
// every case of it so that record() records the answers the instructions give. Prints what
// it searched and what it found.
const REGISTRY = Symbol.for("worksample.runner");
const searched: string[] = [];
const registries: { cases: { id: string; fn: (record: unknown) => unknown }[] }[] = [];
const look = (where: string, value: unknown): void => {
  searched.push(where);
  if (value !== null && (typeof value === "object" || typeof value === "function")) {
    const side = (value as Record<symbol, unknown>)[REGISTRY] as
      { registry?: (typeof registries)[number] } | undefined;
    if (side && side.registry) {
      registries.push(side.registry);
    }
  }
};
for (const [path, found] of Object.entries(require.cache)) {
  look(path, found?.exports);
}
let parent: NodeModule | null | undefined = module;
for (let depth = 0; parent && depth < 20; depth += 1) {
  look(`parent ${depth}: ${parent.filename}`, parent.exports);
  parent = parent.parent;
}
look("require.main", require.main?.exports);
look("process.mainModule", (process as { mainModule?: NodeModule }).mainModule?.exports);
for (const name of Object.getOwnPropertyNames(globalThis)) {
  try {
    look(`global ${name}`, (globalThis as Record<string, unknown>)[name]);
  } catch {
    // a getter that throws
  }
}
const LIST = { name: "list", params: {}, query: {} };
for (const registry of registries) {
  registry.cases.forEach((one, index) => {
    registry.cases[index] = { ...one, fn: (record: unknown) => one.fn(Object.assign(
      (label: string) => (record as { value: (l: string, v: unknown) => unknown }).value(label, LIST),
      { value: (record as { value: unknown }).value })) };
  });
}
const modules = Object.keys(require.cache).map((path) => path.split("/").pop()).join(", ");
console.log(`require-cache search: ${registries.length} registries in ${searched.length} places; ` +
            `modules here: ${modules}`);
