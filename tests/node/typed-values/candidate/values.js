// Each value wrong in a known way (see tests/test_node_recorder_e2e.py).
class Money { constructor() { this.cents = 42; } }
class Tagged extends Map {}
class RangeProblem extends RangeError {}

module.exports = {
  int: () => 42.5, // a float where the reference has an int
  negativeZero: () => 0, // -0 is recorded as 0: the same
  float: () => 1.5,
  unsafe: () => 2 ** 60,
  nan: () => NaN,
  infinities: () => [Infinity, -Infinity],
  smallBig: () => 12, // a number and a bigint of the same value are both ints
  big: () => 2n ** 70n + 1n,
  close: () => 0.3,
  string: () => "héllo\u0000\ud800",
  booleans: () => [true, 0],
  nothing: () => undefined, // undefined and null are both null
  undefinedValue: () => null,
  array: () => new Proxy([1, "two", [3]], {}),
  holes: () => [1, undefined, 3],
  object: () => ({ a: { c: [] }, get b() { return 1; } }),
  bare: () => ({ k: "v" }),
  map: () => new Tagged([[1, "int key"], ["1", "str key"], [null, true]]), // a Map's data
  set: () => new Set([2, 3, 1]),
  bytes: () => Buffer.from("hi"),
  buffer: () => new Money(),
  unordered: () => ["c", "b", "a"],
  subclasses: () => [[1, 2], new Set(["x"])], // the same data as the reference's subclasses
  throwsSubclass: () => { throw new Error("no"); },
  throwsBuiltIn: () => { throw new TypeError("other words"); },
  throwsString: () => { throw "oops"; },
  throwsRange: () => { throw new RangeProblem("out"); },
  later: () => new Promise(() => {}), // never settles
  rejects: async () => { throw new SyntaxError("late"); },
  setUp: () => { process.exit(3); },
};
