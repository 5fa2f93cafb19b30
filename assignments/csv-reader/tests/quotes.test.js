"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { parse } = require("./_load.js");

test("a quoted field may hold the delimiter", () => {
  assert.deepEqual(parse('"a,b",c'), [["a,b", "c"]]);
});

test("a quoted field may hold line breaks", () => {
  assert.deepEqual(parse('"line 1\nline 2",x\r\ny,"a\r\nb"'), [["line 1\nline 2", "x"], ["y", "a\r\nb"]]);
});

test("a doubled quote is one quote", () => {
  assert.deepEqual(parse('"say ""hi""",x'), [['say "hi"', "x"]]);
});

test("an empty quoted field", () => {
  assert.deepEqual(parse('"",a,""'), [["", "a", ""]]);
});

test("a quote inside an unquoted field is a character", () => {
  assert.deepEqual(parse('5" disk,x'), [['5" disk', "x"]]);
});
