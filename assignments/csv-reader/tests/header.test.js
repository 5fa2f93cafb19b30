"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { parse, CsvError } = require("./_load.js");

test("header: rows become objects", () => {
  assert.deepEqual(parse("id,name\n1,Ada\n2,Linus\n", { header: true }),
    [{ id: "1", name: "Ada" }, { id: "2", name: "Linus" }]);
});

test("header: a row of the wrong length is an error on its line", () => {
  assert.throws(() => parse('id,name\n1,"Ada\nLovelace"\n2\n', { header: true }),
    (error) => error instanceof CsvError && error.line === 4);
});

test("header: a duplicate column name is an error", () => {
  assert.throws(() => parse("id,id\n1,2", { header: true }), CsvError);
});

test("header: only a header gives no records", () => {
  assert.deepEqual(parse("id,name\n", { header: true }), []);
});
