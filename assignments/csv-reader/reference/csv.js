"use strict";

class CsvError extends Error {
  constructor(message, line) {
    super(`${message} (line ${line})`);
    this.name = "CsvError";
    this.line = line;
  }
}

function checkDelimiter(delimiter) {
  if (typeof delimiter !== "string" || delimiter.length !== 1 || `"\r\n`.includes(delimiter)) {
    throw new TypeError(`delimiter must be one character other than a quote or a line break`);
  }
}

// Rows of fields, each row with the line it started on.
function readRows(text, delimiter) {
  const rows = [];
  let row = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let i = 0;
  const endRow = () => {
    row.push(field);
    rows.push({ fields: row, line: rowLine });
    row = [];
    field = "";
    quoted = false;
    rowLine = line;
  };
  while (i < text.length) {
    const c = text[i];
    if (c === '"' && field === "" && !quoted) {
      const start = line;
      i += 1;
      for (;;) {
        if (i >= text.length) throw new CsvError("unterminated quoted field", start);
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        if (text[i] === "\n") line += 1;
        field += text[i];
        i += 1;
      }
      const next = text[i];
      if (next !== undefined && next !== delimiter && next !== "\n" && next !== "\r") {
        throw new CsvError("text after a closing quote", line);
      }
      quoted = true;
      continue;
    }
    if (c === delimiter) {
      row.push(field);
      field = "";
      quoted = false;
      i += 1;
    } else if (c === "\r" && text[i + 1] === "\n") {
      i += 1;
    } else if (c === "\n") {
      line += 1;
      endRow();
      i += 1;
    } else {
      field += c;
      i += 1;
    }
  }
  if (field !== "" || quoted || row.length > 0) endRow();
  return rows;
}

function parse(text, options = {}) {
  const { delimiter = ",", header = false, skipEmptyLines = false } = options;
  if (typeof text !== "string") throw new TypeError("text must be a string");
  checkDelimiter(delimiter);
  let rows = readRows(text, delimiter);
  if (skipEmptyLines) rows = rows.filter((row) => !(row.fields.length === 1 && row.fields[0] === ""));
  if (!header) return rows.map((row) => row.fields);
  if (rows.length === 0) return [];
  const [names, ...data] = rows;
  const seen = new Set();
  for (const name of names.fields) {
    if (seen.has(name)) throw new CsvError(`duplicate column ${JSON.stringify(name)}`, names.line);
    seen.add(name);
  }
  return data.map((row) => {
    if (row.fields.length !== names.fields.length) {
      throw new CsvError(`expected ${names.fields.length} fields, found ${row.fields.length}`, row.line);
    }
    const record = {};
    names.fields.forEach((name, index) => {
      record[name] = row.fields[index];
    });
    return record;
  });
}

function quote(value, delimiter) {
  const text = value === null || value === undefined ? "" : String(value);
  const needs = text.includes(delimiter) || /["\r\n]/.test(text) || text !== text.trim();
  return needs ? `"${text.replaceAll('"', '""')}"` : text;
}

function stringify(rows, options = {}) {
  const { delimiter = "," } = options;
  checkDelimiter(delimiter);
  if (!Array.isArray(rows)) throw new TypeError("rows must be an array of arrays");
  return rows.map((row) => row.map((value) => quote(value, delimiter)).join(delimiter) + "\n").join("");
}

module.exports = { parse, stringify, CsvError };
