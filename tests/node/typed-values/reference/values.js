// The reference: one value of each kind.
class LedgerError extends Error {}
class Overdrawn extends LedgerError {}
class Row extends Array {}
class Tags extends Set {}

module.exports = {
  int: () => 42,
  negativeZero: () => -0,
  float: () => 1.5,
  unsafe: () => 2 ** 60,
  nan: () => NaN,
  infinities: () => [Infinity, -Infinity],
  smallBig: () => 12n,
  big: () => 2n ** 70n,
  close: () => 0.1 + 0.2,
  string: () => "héllo\u0000\ud800",
  booleans: () => [true, false],
  nothing: () => null,
  undefinedValue: () => undefined,
  array: () => [1, "two", [3]],
  holes: () => [1, , 3], // eslint-disable-line no-sparse-arrays
  object: () => ({ b: 1, a: { c: [] }, [Symbol("hidden")]: 1 }),
  bare: () => Object.assign(Object.create(null), { k: "v" }),
  map: () => new Map([[1, "int key"], ["1", "str key"], [null, true]]),
  set: () => new Set([3, 1, 2]),
  bytes: () => new Uint8Array([104, 105]),
  buffer: () => Buffer.from("hi"),
  unordered: () => ["b", "a", "c"],
  subclasses: () => [Row.from([1, 2]), new Tags(["x"])], // recorded as the plain data they hold
  throwsSubclass: () => { throw new Overdrawn("no"); },
  throwsBuiltIn: () => { throw new TypeError("bad type"); },
  throwsString: () => { throw "oops"; },
  throwsRange: () => { throw new RangeError("out"); },
  later: (x) => new Promise((resolve) => setTimeout(() => resolve(x * 2), 5)),
  rejects: async () => { throw new SyntaxError("late"); },
  setUp: () => undefined,
};
