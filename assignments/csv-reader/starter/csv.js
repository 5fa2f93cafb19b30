"use strict";

// See instructions.md. Keep these three names exported.

class CsvError extends Error {}

function parse(text, options = {}) {
  return text.split("\n").map((line) => line.split(options.delimiter || ","));
}

function stringify(rows, options = {}) {
  throw new Error("not implemented");
}

module.exports = { parse, stringify, CsvError };
