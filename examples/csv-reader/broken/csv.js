"use strict";

class CsvError extends Error {
  constructor(message, line) {
    super(message);
    this.line = line;
  }
}

function parse(text, options = {}) {
  const delimiter = options.delimiter ?? ",";
  const rows = [];
  for (const line of text.split(/\r?\n/) {
    rows.push(line.split(delimiter));
  }
  return rows;
}

function stringify(rows) {
  return rows.map((row) => row.join(",")).join("\n");
}

module.exports = { parse, stringify, CsvError };
