"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { parse, stringify } = require("./_load.js");

test("stringify: plain fields", () => {
  assert.equal(stringify([["a", "b"], [1, 2]]), "a,b\n1,2\n");
});

test("stringify: quotes fields that need it", () => {
  assert.equal(stringify([["a,b", 'say "hi"', "two\nlines", " pad"]]),
    '"a,b","say ""hi""","two\nlines"," pad"\n');
});

test("stringify: null and undefined are empty fields", () => {
  assert.equal(stringify([[null, "x", undefined]]), ",x,\n");
});

test("stringify: another delimiter", () => {
  assert.equal(stringify([["a;b", "c,d"]], { delimiter: ";" }), '"a;b";c,d\n');
});

test("stringify then parse gives the rows back", () => {
  const rows = [["id", "note"], ["1", 'he said "no", twice\r\nthen left'], ["2", ""]];
  assert.deepEqual(parse(stringify(rows)), rows);
});
