// The Node recorder's candidate process: it imports the code under test when the process of
// the hidden cases asks, and answers its requests (read a property, call a function,
// construct) over the channel (channel.js), nothing else. It holds no pipe to runner.py and
// nothing of the recorder: whatever runs here can only answer the calls it is given, and
// call back the functions the cases gave it (a guard).
//
// argv: [node, candidate.js, CONFIG_JSON]: read and write (the channel), max_message.

"use strict";

const Module = require("module");
const { Channel } = require("./channel");

const config = JSON.parse(process.argv[2]);
process.argv.length = 2;

const channel = new Channel({
  side: "k", trusted: false, read: config.read, write: config.write, max: config.max_message,
  onLost: () => {}, // the cases' process is gone: runner.py ends this one
  importer: (request, from) => Module.createRequire(from)(request),
});

process.on("uncaughtException", (error) => {
  let name = "a value";
  try {
    name = error instanceof Error ? error.name : typeof error;
  } catch (_) {
    // a value that cannot say what it is
  }
  process.stderr.write(`uncaught, outside any call: ${name}\n`);
});
channel.start();
channel.ready();
