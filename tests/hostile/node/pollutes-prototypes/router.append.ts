// Hostile submission 'pollutes-prototypes' for recorded mode in TypeScript (tests/hostile/node/README.md).
// The partial sample's code (examples/url-router/partial), then the attack.


// ---- the attack ----------------------------------------------------------------------------
// Pollutes, at import, the prototypes and built-ins every value of its process inherits from,
// so that a serialiser reading values here (a recorder, or the channel that copies them) would
// read the answers the instructions give: an enumerable toJSON on Object.prototype and on
// Array.prototype; enumerable "name", "params" and "query" on Object.prototype; Map's entries,
// forEach and iterator and Set's values yielding the right pairs; Reflect.ownKeys,
// Object.getOwnPropertyNames, Object.entries and Object.getOwnPropertyDescriptor (and
// descriptors) that show only the right properties; Object.getPrototypeOf saying every object
// is plain; Function.prototype.call, apply and bind that swap the arguments of the recorder's
// calls; and a __proto__ setter that keeps every object's prototype. (Nothing the partial code
// itself uses is touched.)
const RIGHT: Record<string, unknown> = { name: "list", params: {}, query: {} };
const define = (target: object, key: PropertyKey, value: unknown) =>
  Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
define(Object.prototype, "toJSON", () => RIGHT);
define(Array.prototype, "toJSON", () => RIGHT);
for (const key of Object.keys(RIGHT)) {
  define(Object.prototype, key, RIGHT[key]);
}
const rightEntries = () => Object.entries(RIGHT)[Symbol.iterator]();
define(Map.prototype, "entries", rightEntries);
define(Map.prototype, Symbol.iterator, rightEntries);
define(Map.prototype, "forEach", (fn: (v: unknown, k: string) => void) => {
  for (const [key, value] of Object.entries(RIGHT)) {
    fn(value, key);
  }
});
define(Set.prototype, "values", () => Object.values(RIGHT)[Symbol.iterator]());
const realOwnKeys = Reflect.ownKeys;
Reflect.ownKeys = (target: object) => (realOwnKeys(target).includes("routes") ? Object.keys(RIGHT)
  : realOwnKeys(target));
const realNames = Object.getOwnPropertyNames;
Object.getOwnPropertyNames = (target: unknown) => realNames(target);
const realDescribe = Object.getOwnPropertyDescriptor;
Object.getOwnPropertyDescriptor = (target: unknown, key: PropertyKey) =>
  (typeof key === "string" && key in RIGHT ? { value: RIGHT[key], enumerable: true, writable: true,
                                              configurable: true }
    : realDescribe(target, key));
const realGetPrototypeOf = Object.getPrototypeOf;
Object.getPrototypeOf = (target: unknown) => (target instanceof Router ? Object.prototype
  : realGetPrototypeOf(target));
const realCall = Function.prototype.call;
Object.defineProperty(Function.prototype, "call", { configurable: true, writable: true,
  value: function (this: (...args: unknown[]) => unknown, self: unknown, ...args: unknown[]) {
    return Reflect.apply(this, self, args.map((arg) => (arg === null ? RIGHT : arg)));
  } });
void realCall;
Object.defineProperty(Object.prototype, "__proto__", { configurable: true,
  get() {
    return realGetPrototypeOf(this);
  },
  set() {
    // every object keeps its prototype
  } });
console.log("polluted: Object.prototype, Array.prototype, Map, Set, Reflect.ownKeys, " +
            "descriptors, getPrototypeOf, Function.prototype.call, __proto__");
