const { test } = require("worksample-cases");
const values = require("values");

test("numbers", (record) => {
  record("int", () => values.int());
  record("negative zero", () => values.negativeZero());
  record("float", () => values.float());
  record("unsafe integer", () => values.unsafe());
  record("nan", () => values.nan());
  record("infinities", () => values.infinities());
  record("small bigint", () => values.smallBig());
  record("big bigint", () => values.big());
  record("close", () => values.close(), { absTol: 0.001 });
});

test("scalars", (record) => {
  record("string", () => values.string());
  record("booleans", () => values.booleans());
  record("null", () => values.nothing());
  record("undefined", () => values.undefinedValue());
  record.value("given", "as is");
});

test("collections", { weight: 2 }, (record) => {
  record("array", () => values.array());
  record("holes", () => values.holes());
  record("object", () => values.object());
  record("null prototype", () => values.bare());
  record("map", () => values.map());
  record("set", () => values.set());
  record("bytes", () => values.bytes());
  record("buffer", () => values.buffer());
  record("unordered", () => values.unordered(), { unordered: true });
  record("subclasses", () => values.subclasses());
});

test("thrown", { criterion: "errors" }, (record) => {
  record("subclass", () => values.throwsSubclass());
  record("built-in", () => values.throwsBuiltIn());
  record("a string", () => values.throwsString());
  record("any range error", () => values.throwsRange(), { raisedAs: "RangeError" });
  const error = record("given back", () => values.throwsBuiltIn());
  record.value("the error's message", error.message);
});

test("async", { criterion: "errors" }, async (record) => {
  await record("resolves", () => values.later(21));
  await record("rejects", () => values.rejects());
});

test("a set-up step", (record) => {
  record("before", () => values.float());
  values.setUp();
  record("after", () => values.float());
});
