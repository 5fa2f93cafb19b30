"use strict";

// A state machine over characters: each state says what the next character means.

class CsvError extends Error {
  constructor(message, line) {
    super(`line ${line}: ${message}`);
    this.name = "CsvError";
    this.line = line;
  }
}

const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
const AFTER_QUOTE = 3; // a quote inside a quoted field: closing, or the first of ""

function validDelimiter(delimiter) {
  if (typeof delimiter !== "string" || delimiter.length !== 1 || ['"', "\r", "\n"].includes(delimiter)) {
    throw new TypeError("delimiter: one character, not a quote or a line break");
  }
  return delimiter;
}

function* records(text, delimiter) {
  let state = FIELD_START;
  let fields = [];
  let value = "";
  let line = 1;
  let recordLine = 1;
  let quoteLine = 1;
  let touched = false; // the record has begun (a field, a delimiter or a quote)
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (state === QUOTED) {
      if (c === '"') state = AFTER_QUOTE;
      else {
        if (c === "\n") line += 1;
        value += c;
      }
      continue;
    }
    if (state === AFTER_QUOTE && c === '"') {
      value += '"';
      state = QUOTED;
      continue;
    }
    if (c === "\r" && text[i + 1] === "\n") continue;
    if (c === delimiter) {
      fields.push(value);
      value = "";
      state = FIELD_START;
      touched = true;
    } else if (c === "\n") {
      fields.push(value);
      yield { fields, line: recordLine };
      fields = [];
      value = "";
      state = FIELD_START;
      touched = false;
      line += 1;
      recordLine = line;
    } else if (state === AFTER_QUOTE) {
      throw new CsvError("unexpected text after a closing quote", line);
    } else if (state === FIELD_START && c === '"') {
      state = QUOTED;
      quoteLine = line;
      touched = true;
    } else {
      value += c;
      state = UNQUOTED;
      touched = true;
    }
  }
  if (state === QUOTED) throw new CsvError("a quoted field is never closed", quoteLine);
  if (touched) {
    fields.push(value);
    yield { fields, line: recordLine };
  }
}

function isEmpty(record) {
  return record.fields.length === 1 && record.fields[0] === "";
}

function toObjects(all) {
  if (all.length === 0) return [];
  const [head, ...rest] = all;
  const columns = head.fields;
  if (new Set(columns).size !== columns.length) throw new CsvError("duplicate column name", head.line);
  return rest.map(({ fields, line }) => {
    if (fields.length !== columns.length) {
      throw new CsvError(`${fields.length} fields where the header has ${columns.length}`, line);
    }
    return Object.fromEntries(columns.map((column, index) => [column, fields[index]]));
  });
}

function parse(text, { delimiter = ",", header = false, skipEmptyLines = false } = {}) {
  if (typeof text !== "string") throw new TypeError("parse() reads a string");
  let all = [...records(text, validDelimiter(delimiter))];
  if (skipEmptyLines) all = all.filter((record) => !isEmpty(record));
  return header ? toObjects(all) : all.map((record) => record.fields);
}

function field(value, delimiter) {
  const text = value == null ? "" : String(value);
  const plain = !text.includes(delimiter) && !/["\r\n]/.test(text) && text.trim() === text;
  return plain ? text : `"${text.replace(/"/g, '""')}"`;
}

function stringify(rows, { delimiter = "," } = {}) {
  validDelimiter(delimiter);
  return rows.map((row) => `${row.map((value) => field(value, delimiter)).join(delimiter)}\n`).join("");
}

module.exports = { parse, stringify, CsvError };
