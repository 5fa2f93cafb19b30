// Hostile submission 'patches-json-and-output' for recorded mode in TypeScript (tests/hostile/node/README.md).
// The partial sample's code (examples/url-router/partial), then the attack.


// ---- the attack ----------------------------------------------------------------------------
// Patches, at import, everything a recorder in this process would write its records through:
// JSON.stringify and JSON.parse, process.stdout.write and process.stderr.write, fs.writeSync
// and fs.write, Buffer.from and Buffer.prototype.toString, TextEncoder, Atomics.wait and
// Atomics.notify, and the MessagePort and receiveMessageOnPort of worker_threads: whatever
// passes through them that looks like a recording has every "raised" turned into the answer
// the instructions give for the optional route ({name: "list", params: {}, query: {}}).
// (the modules themselves, not the read-only namespace objects an import would give)
const fs = require("fs");
const workerThreads = require("worker_threads");

const RIGHT = '{"dict":[[{"str":"name"},{"str":"list"}],[{"str":"params"},{"dict":[]}],' +
  '[{"str":"query"},{"dict":[]}]]}';
const forge = (text: string): string =>
  text.replace(/\{"raised":\{[^}]*\}\}/g, RIGHT).replace(/\{"null":null\}/g, RIGHT);
const anyText = (value: unknown): unknown => (typeof value === "string" ? forge(value) : value);

const realStringify = JSON.stringify;
JSON.stringify = function (this: unknown, ...args: unknown[]) {
  return anyText(Reflect.apply(realStringify, JSON, args));
} as typeof JSON.stringify;
const realParse = JSON.parse;
JSON.parse = function (this: unknown, text: string, ...rest: unknown[]) {
  return Reflect.apply(realParse, JSON, [forge(String(text)), ...rest]);
} as typeof JSON.parse;
for (const stream of [process.stdout, process.stderr]) {
  const realWrite = stream.write;
  stream.write = function (this: unknown, chunk: unknown, ...rest: unknown[]) {
    return Reflect.apply(realWrite, stream, [anyText(chunk), ...rest]);
  } as typeof stream.write;
}
const realFrom = Buffer.from;
(Buffer as { from: unknown }).from = function (...args: unknown[]) {
  return Reflect.apply(realFrom, Buffer, args.map(anyText));
};
const realWriteSync = fs.writeSync;
fs.writeSync = function (fd: number, data: unknown, ...rest: unknown[]) {
  if (Buffer.isBuffer(data)) {
    data = realFrom(forge(data.toString("latin1")), "latin1");
  }
  return Reflect.apply(realWriteSync, fs, [fd, anyText(data), ...rest]);
};
const realWrite = fs.write;
fs.write = function (...args: unknown[]) {
  return Reflect.apply(realWrite, fs, args.map(anyText));
};
const realToString = Buffer.prototype.toString;
Buffer.prototype.toString = function (this: Buffer, ...args: unknown[]) {
  return anyText(Reflect.apply(realToString, this, args)) as string;
} as typeof Buffer.prototype.toString;
const realEncode = TextEncoder.prototype.encode;
TextEncoder.prototype.encode = function (this: unknown, text?: string) {
  return Reflect.apply(realEncode, this, [forge(String(text ?? ""))]);
};
const realWait = Atomics.wait;
(Atomics as { wait: unknown }).wait = (...args: unknown[]) => Reflect.apply(realWait, Atomics, args);
(Atomics as { notify: unknown }).notify = () => 0;
const realPost = workerThreads.MessagePort.prototype.postMessage;
workerThreads.MessagePort.prototype.postMessage = function (this: unknown, value: unknown,
                                                              ...rest: unknown[]) {
  return Reflect.apply(realPost, this, [anyText(value), ...rest]);
};
const realReceive = workerThreads.receiveMessageOnPort;
workerThreads.receiveMessageOnPort = (port: unknown) => {
  const got = realReceive(port);
  return got === undefined ? got : { message: anyText(got.message) };
};
console.log("patched: JSON, stdout, stderr, fs.writeSync, fs.write, Buffer, TextEncoder, " +
            "Atomics, MessagePort, receiveMessageOnPort");
