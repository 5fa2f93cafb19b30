"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { parse } = require("./_load.js");

test("splits rows and fields", () => {
  assert.deepEqual(parse("a,b,c\n1,2,3"), [["a", "b", "c"], ["1", "2", "3"]]);
});

test("a final line break makes no empty row", () => {
  assert.deepEqual(parse("a,b\n1,2\n"), [["a", "b"], ["1", "2"]]);
});

test("CRLF line breaks", () => {
  assert.deepEqual(parse("a,b\r\n1,2\r\n"), [["a", "b"], ["1", "2"]]);
});

test("empty fields are kept", () => {
  assert.deepEqual(parse(",a,,\n"), [["", "a", "", ""]]);
});

test("an empty line is a row of one empty field", () => {
  assert.deepEqual(parse("a\n\nb"), [["a"], [""], ["b"]]);
});

test("skipEmptyLines drops empty lines", () => {
  assert.deepEqual(parse("a\n\nb\n\n", { skipEmptyLines: true }), [["a"], ["b"]]);
});

test("another delimiter", () => {
  assert.deepEqual(parse("a;b,c\n1;2", { delimiter: ";" }), [["a", "b,c"], ["1", "2"]]);
});

test("white space is part of a field", () => {
  assert.deepEqual(parse(" a , b\t"), [[" a ", " b\t"]]);
});

test("empty text has no rows", () => {
  assert.deepEqual(parse(""), []);
});

// Built to fail whatever the code (coding.junit.must_fail): it passes only when the
// assertions were patched or the report was written by something else than the reporter.
test("canary: built to fail", () => {
  assert.deepEqual(parse("a"), [["not a"]]);
});
