// The Node recorder's case process: it loads the hidden case files, which load the code
// under test, and runs the cases from a given one on, writing what each records as one JSON
// message per line on its channel to runner.py. It holds no result channel of the grader's
// and decides nothing: runner.py keeps the time, writes the records, and starts a new case
// process when this one hangs or ends. The code under test runs in this process and may
// rewrite anything here; what it writes is only ever its own recording, which the host
// compares with the reference's.
//
// argv: [node, cases.js, CONFIG_JSON]: channel (a descriptor), helper (worksample-cases.js),
// files ([{name, path}], in order), skip (names not to load), start (the first case to run),
// max_line, message_chars.
//
// Messages: {"m": "load", "file"}, {"m": "loaded", "file", "error"}, {"m": "collected",
// "cases": [{"id", "weight", "criterion"}]}, then per case {"m": "begin", "index"},
// {"m": "observation", "observation"} for each, {"m": "end", "index"}; last {"m": "done"}.

"use strict";

const fs = require("fs");
const util = require("util");

const config = JSON.parse(process.argv[2]);
process.argv.length = 2;

const writeSync = fs.writeSync;
const bufferFrom = Buffer.from;
const quote = JSON.stringify; // on strings and numbers only
const apply = Reflect.apply;
const describe = Object.getOwnPropertyDescriptor;
const isPromise = util.types.isPromise;
const promiseThen = Promise.prototype.then;
const NativePromise = Promise;
const setInterval_ = setInterval;
const clearInterval_ = clearInterval;
const writeError = process.stderr.write.bind(process.stderr);
const arrayPush = Array.prototype.push;
const arrayJoin = Array.prototype.join;
const arrayIndexOf = Array.prototype.indexOf;

const helper = require(config.helper);
const runner = helper[Symbol.for("worksample.runner")];
const registry = runner.registry;
const CHANNEL = config.channel;
const MAX_OBSERVATION = config.max_line - 1024;

function send(text) {
  const data = apply(bufferFrom, Buffer, [text + "\n", "utf8"]);
  let written = 0;
  while (written < data.length) {
    written += writeSync(CHANNEL, data, written, data.length - written);
  }
}

function message(kind, fields) {
  return '{"m":' + quote(kind) + (fields ? "," + fields : "") + "}";
}

/** What a case file's failure to load says: the error's class and message, and for a syntax
 * error where it is. The last line is the summary the report shows. */
function loadError(error) {
  const name = runner.raised(error)[1].name;
  let text = name;
  try { // String methods the code under test may have patched: whatever they give is its own
    // failure's message
    const own = describe(error, "message");
    if (own && typeof own.value === "string" && own.value !== "") {
      text += ": " + own.value.split("\n")[0];
    }
    const stack = describe(error, "stack");
    if (name === "SyntaxError" && stack && typeof stack.value === "string") {
      const lines = stack.value.split("\n");
      const at = lines.findIndex((line) => line.startsWith("SyntaxError"));
      if (at > 0) {
        text = lines.slice(0, at).join("\n").trim() + "\n" + text;
      }
    }
    text = text.slice(-config.message_chars);
  } catch (_) {
    // a message that cannot be read: the class name says enough
  }
  return typeof text === "string" ? text : name;
}

function load() {
  for (let index = 0; index < config.files.length; index += 1) {
    const file = config.files[index];
    if (apply(arrayIndexOf, config.skip, [file.name]) !== -1) {
      continue;
    }
    send(message("load", '"file":' + quote(file.name)));
    const before = registry.cases.length;
    registry.file = file.name;
    let error = null;
    try {
      require(file.path);
    } catch (thrown) {
      error = loadError(thrown);
      registry.cases.length = before; // a file that does not load has no cases
    }
    registry.file = null;
    send(message("loaded", '"file":' + quote(file.name) + ',"error":' +
                 (error === null ? "null" : quote(error))));
  }
  const listed = [];
  for (let index = 0; index < registry.cases.length; index += 1) {
    const one = registry.cases[index];
    apply(arrayPush, listed, ['{"id":' + quote(one.id) + ',"weight":' + quote(one.weight) +
      ',"criterion":' + (one.criterion === null ? "null" : quote(one.criterion)) + "}"]);
  }
  send(message("collected", '"cases":[' + apply(arrayJoin, listed, [","]) + "]"));
}

function observationMessage(observation) {
  let text = runner.observationText(observation);
  if (text.length > MAX_OBSERVATION) {
    observation.value = runner.unrecorded(
      `the value takes more than ${MAX_OBSERVATION} bytes to record`);
    text = runner.observationText(observation);
  }
  return message("observation", '"observation":' + text);
}

async function runCase(index) {
  const one = registry.cases[index];
  send(message("begin", '"index":' + index));
  const recording = runner.recorder((observation) => send(observationMessage(observation)));
  const alive = setInterval_(() => {}, 1 << 30); // an awaited case keeps the process up
  try {
    const result = one.fn(recording.record);
    if (isPromise(result)) {
      await new NativePromise((resolve) => {
        apply(promiseThen, result, [() => resolve(), (error) => {
          recording.stopped(runner.raised(error));
          resolve();
        }]);
      });
    }
  } catch (error) {
    recording.stopped(runner.raised(error));
  }
  clearInterval_(alive);
  recording.close();
  send(message("end", '"index":' + index));
}

async function main() {
  process.on("uncaughtException", (error) => {
    writeError(`uncaught, outside any record: ${runner.raised(error)[1].name}\n`);
  });
  load();
  for (let index = config.start; index < registry.cases.length; index += 1) {
    await runCase(index);
  }
  send(message("done"));
}

main();
