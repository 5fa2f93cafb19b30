"use strict";

class CsvError extends Error {}

function parse(text, options = {}) {
  const delimiter = options.delimiter || ",";
  if (text === "") return [];
  let lines = text.replace(/\r\n/g, "\n").split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  if (options.skipEmptyLines) lines = lines.filter((line) => line !== "");
  const rows = lines.map((line) => line.split(delimiter));
  if (!options.header) return rows;
  const [names, ...data] = rows;
  if (!names) return [];
  return data.map((row) => {
    const record = {};
    names.forEach((name, i) => {
      record[name] = row[i];
    });
    return record;
  });
}

function stringify(rows, options = {}) {
  const delimiter = options.delimiter || ",";
  return rows.map((row) => row.map((v) => (v == null ? "" : String(v))).join(delimiter) + "\n").join("");
}

module.exports = { parse, stringify, CsvError };
