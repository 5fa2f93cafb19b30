"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { parse, CsvError } = require("./_load.js");

function throwsCsvError(action, line) {
  assert.throws(action, (error) => error instanceof CsvError && error instanceof Error && error.line === line);
}

test("an unterminated quote is an error on the line it opened", () => {
  throwsCsvError(() => parse('a,b\n1,"two\n3,4\n'), 2);
});

test("text after a closing quote is an error", () => {
  throwsCsvError(() => parse('a\n"x"y,z'), 2);
});

test("a delimiter must be one character, not a quote or a line break", () => {
  for (const delimiter of ["", ";;", '"', "\n"]) {
    assert.throws(() => parse("a", { delimiter }), TypeError);
  }
});

test("text must be a string", () => {
  assert.throws(() => parse(42), TypeError);
});
