// The Node recorder's process of the hidden cases: it loads the case files, and runs the cases
// from a given one on, writing what each records as one JSON message per line on its pipe to
// runner.py. The code under test is not loaded here: it runs in the candidate's process
// (candidate.js), and what the cases import of it ("router") is a stand-in through which each
// call is a request on the channel (channel.js). So what is recorded is what that code
// answered to the calls the cases made: it cannot reach this process's recorder, globals or
// modules, and what it can send is only ever its own answers. runner.py starts this process
// from a copy of node's loader the sandbox's user cannot read, which makes it undumpable (no
// other process of that user can read its memory or open its descriptors through /proc, nor
// trace it), and from a bundle of its JavaScript (boot.js): nothing it runs is read from a
// disk the candidate's code can write. runner.py keeps the time, writes the records, and
// starts both processes anew when a case hangs or a process ends.
//
// argv (after boot.js): CONFIG_JSON: records (the pipe to runner.py), read and write (the
// channel), helper (the helper's path in the bundle), files ([{name, path}], in order), skip
// (names not to load), start (the first case to run), max_line, max_message, message_chars.
//
// Messages: {"m": "load", "file"}, {"m": "loaded", "file", "error"}, {"m": "collected",
// "cases": [{"id", "weight", "criterion"}]}, then per case {"m": "begin", "index"},
// {"m": "observation", "observation"} for each, {"m": "end", "index"}; last {"m": "done"}.
// {"m": "lost", "why"} when the channel to the candidate's process is gone (that process
// ended, or broke the protocol): this process then stops, and runner.py says why.

"use strict";

const fs = require("fs");
const loader = require("worksample-loader");
const { Channel } = require("./channel");

const config = loader.config;

const helper = loader.load(config.helper);
const runner = helper[Symbol.for("worksample.runner")];
const registry = runner.registry;
const RECORDS = config.records;
const MAX_OBSERVATION = config.max_line - 1024;
const quote = JSON.stringify; // on strings and numbers only

function send(text) {
  const data = Buffer.from(`${text}\n`, "utf8");
  let written = 0;
  while (written < data.length) {
    written += fs.writeSync(RECORDS, data, written, data.length - written);
  }
}

function message(kind, fields) {
  return `{"m":${quote(kind)}${fields ? `,${fields}` : ""}}`;
}

const channel = new Channel({
  side: "c", trusted: true, read: config.read, write: config.write, max: config.max_message,
  standIns: runner.standIns,
  onLost: (why) => send(message("lost", `"why":${quote(String(why).slice(0, 300))}`)),
});

/** What a case file's failure to load says: the error's class and message, and for a syntax
 * error where it is. The last line is the summary the report shows. */
function loadError(error) {
  const name = runner.raised(error)[1].name;
  let text = name;
  const own = Object.getOwnPropertyDescriptor(Object(error), "message");
  if (own && typeof own.value === "string" && own.value !== "") {
    text += `: ${own.value.split("\n")[0]}`;
  }
  const stack = Object.getOwnPropertyDescriptor(Object(error), "stack");
  if (name === "SyntaxError" && stack && typeof stack.value === "string") {
    const lines = stack.value.split("\n");
    const at = lines.findIndex((line) => line.startsWith("SyntaxError"));
    if (at > 0) {
      text = `${lines.slice(0, at).join("\n").trim()}\n${text}`;
    }
  }
  return text.slice(-config.message_chars);
}

function load() {
  for (const file of config.files) {
    if (config.skip.includes(file.name)) {
      continue;
    }
    send(message("load", `"file":${quote(file.name)}`));
    const before = registry.cases.length;
    registry.file = file.name;
    let error = null;
    try {
      loader.load(file.path);
    } catch (thrown) {
      error = loadError(thrown);
      registry.cases.length = before; // a file that does not load has no cases
    }
    registry.file = null;
    send(message("loaded", `"file":${quote(file.name)},"error":${
      error === null ? "null" : quote(error)}`));
  }
  const listed = registry.cases.map((one) => `{"id":${quote(one.id)},"weight":${
    quote(one.weight)},"criterion":${one.criterion === null ? "null" : quote(one.criterion)}}`);
  send(message("collected", `"cases":[${listed.join(",")}]`));
}

function observationMessage(observation) {
  let text = runner.observationText(observation);
  if (text.length > MAX_OBSERVATION) {
    observation.value = runner.unrecorded(
      `the value takes more than ${MAX_OBSERVATION} bytes to record`);
    text = runner.observationText(observation);
  }
  return message("observation", `"observation":${text}`);
}

async function runCase(index) {
  const one = registry.cases[index];
  send(message("begin", `"index":${index}`));
  const recording = runner.recorder((observation) => send(observationMessage(observation)));
  try {
    await one.fn(recording.record);
  } catch (error) {
    recording.stopped(runner.raised(error));
  }
  recording.close();
  send(message("end", `"index":${index}`));
}

async function main() {
  process.on("uncaughtException", (error) => {
    process.stderr.write(`uncaught, outside any record: ${runner.raised(error)[1].name}\n`);
  });
  channel.start();
  channel.ready(); // the candidate's process has started: its time is not a case file's
  loader.setFallback((request, from) => channel.ask({ t: "import", r: request, from }));
  load();
  const alive = setInterval(() => {}, 1 << 30); // an awaited case keeps the process up
  for (let index = config.start; index < registry.cases.length; index += 1) {
    await runCase(index);
  }
  send(message("done"));
  clearInterval(alive);
  process.exit(0);
}

main();
