// The channel between the Node recorder's two processes: the process of the hidden cases
// (cases.js, the trusted one, which writes the records) and the candidate's (candidate.js,
// which runs the code under test). Each side calls the other's functions and reads the
// other's objects through it; runner.py gives each process one end of two pipes.
//
// A call is synchronous, as it is in one process: the caller writes the request and blocks
// until the answer comes, and while it waits it answers the other side's requests (a guard
// the router calls back, which calls the router again). Each process reads the pipe two
// ways: when it is idle (awaiting a promise, running timers) through a stream of its event
// loop, and when it waits for an answer with blocking reads of a second descriptor of the
// same pipe (opened through /proc/self/fd, so that it blocks where the stream's does not);
// the event loop does not run while it waits, so the two never read at once. Messages are
// length-prefixed JSON.
//
// What crosses: plain data is copied (values.js says what plain data is: a subclass arrives
// as its plain type), with the objects shared inside one value kept shared (a cycle stays a
// cycle); an error is copied as an error of a class mirrored by name, with the classes it
// extends, its message, its stack and its own enumerable properties; a promise becomes a
// promise that settles when the other side's does; anything else (a function, a class, an
// instance of a class, a Proxy, an object with a getter) stays where it is and the other side
// gets a stand-in (a Proxy) whose every use is a request: reading a property, calling it,
// constructing with it.
//
// The trusted side (cases.js) gives the candidate's side nothing to read: a function of the
// cases (a guard) can only be called, and only its own primitive properties (name, length)
// read; any other object of the cases reaches the candidate as a stand-in that refuses
// everything. What it receives it checks before it uses it: a message that is not one of
// the protocol's, or names an object it never gave, loses the channel (`onLost`), and the
// process stops recording.

"use strict";

const fs = require("fs");
const net = require("net");
const util = require("util");
const { plainKind, classChain, className, article } = require("./values");

const types = util.types;
const isProxy = types.isProxy;
const isPromise = types.isPromise;
const apply = Reflect.apply;
const construct = Reflect.construct;
const ownKeys = Reflect.ownKeys;
const getPrototypeOf = Object.getPrototypeOf;
const create = Object.create;
const defineProperty = Object.defineProperty;
const describe = Object.getOwnPropertyDescriptor;
const hasOwn = Object.hasOwn;
const isArray = Array.isArray;
const arrayPush = Array.prototype.push;
const arrayJoin = Array.prototype.join;
const promiseThen = Promise.prototype.then;
const NativePromise = Promise;
const stringify = JSON.stringify;
const parse = JSON.parse;
const bufferFrom = Buffer.from;
const bufferToString = Buffer.prototype.toString;
const BufferProto = Buffer.prototype;
const TypedArrayProto = getPrototypeOf(Uint8Array.prototype);
const bufferOf = describe(TypedArrayProto, "buffer").get;
const byteOffsetOf = describe(TypedArrayProto, "byteOffset").get;
const byteLengthOf = describe(TypedArrayProto, "byteLength").get;
const mapEntries = Map.prototype.entries;
const mapSet = Map.prototype.set;
const mapSize = describe(Map.prototype, "size").get;
const setValues = Set.prototype.values;
const setAdd = Set.prototype.add;
const setSize = describe(Set.prototype, "size").get;
const mapIteratorNext = getPrototypeOf(new Map().entries()).next;
const setIteratorNext = getPrototypeOf(new Set().values()).next;
const ErrorProto = Error.prototype;
const FunctionProto = Function.prototype;
const writeSync = fs.writeSync;
const readSync = fs.readSync;
const setImmediate_ = setImmediate;
const atomicsWait = Atomics.wait;

const MAX_DEPTH = 64; // of a value sent (a deeper part is sent as not sent)
const MAX_ITEMS = 100000; // values in one message
const MAX_CHAIN = 32; // classes of an error
const MAX_TEXT = 4000; // of an error's message and stack
const WELL_KNOWN = new Map([[Symbol.iterator, "iterator"], [Symbol.asyncIterator, "asyncIterator"],
                            [Symbol.toPrimitive, "toPrimitive"], [Symbol.toStringTag, "toStringTag"]]);
const BY_NAME = new Map([...WELL_KNOWN].map(([symbol, name]) => [name, symbol]));
const BUILTIN_ERRORS = new Map([Error, TypeError, RangeError, SyntaxError, ReferenceError,
                                EvalError, URIError, AggregateError].map((c) => [c.name, c]));
const TOO_MANY = Object.freeze({});
const HANDLES = new WeakMap(); // what stands for a value to send as a handle -> the value
const REQUESTS = new Set(["call", "new", "get", "set", "has", "del", "keys", "own", "proto",
                          "import"]);

/** A message as JSON text, written by hand: JSON.stringify would ask every object and array
 * for a toJSON, which code of the candidate's process may have added to their prototypes. */
function text(value) {
  if (value === null || value === undefined) {
    return "null";
  }
  if (typeof value !== "object") {
    return stringify(value); // a string, a number or a boolean: no toJSON is asked
  }
  const parts = [];
  if (isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      apply(arrayPush, parts, [text(value[index])]);
    }
    return `[${apply(arrayJoin, parts, [","])}]`;
  }
  const keys = ownKeys(value);
  for (let index = 0; index < keys.length; index += 1) {
    const property = typeof keys[index] === "string" ? describe(value, keys[index]) : undefined;
    if (property !== undefined && property.enumerable && hasOwn(property, "value")) {
      apply(arrayPush, parts, [`${stringify(keys[index])}:${text(property.value)}`]);
    }
  }
  return `{${apply(arrayJoin, parts, [","])}}`;
}

/** A message that breaks the protocol (on the trusted side, the channel is lost). */
class Broken extends Error {}

function isBroken(error) { // without asking a stand-in (instanceof would)
  return error !== null && typeof error === "object" && !isProxy(error) &&
    getPrototypeOf(error) === Broken.prototype;
}

class Channel {
  /**
   * side: "c" (the cases') or "k" (the candidate's); trusted: the cases' side, which refuses
   * whatever is not the protocol's; read, write: descriptors; max: bytes of a message;
   * onLost(why): the channel cannot go on (the other process ended, or broke the protocol);
   * standIns: a WeakMap in which each stand-in made here is given what it is, for the
   * recorder; importer(request, from): what "import" gives (the candidate's side).
   */
  constructor({ side, trusted, read, write, max, onLost, standIns, importer }) {
    this.side = side;
    this.other = side === "c" ? "k" : "c";
    this.trusted = trusted;
    this.writeFd = write;
    this.readFd = read;
    this.max = max;
    this.onLost = onLost;
    this.standIns = standIns || new WeakMap();
    this.importer = importer || null;
    this.objects = new Map(); // number -> an object of this side the other was given
    this.numbers = new Map(); // and back
    this.nextNumber = 1;
    this.remote = new Map(); // number -> the stand-in of an object of the other side
    this.remoteNumbers = new WeakMap(); // and back
    this.promises = new Map(); // number -> the promise made here for one of the other side's
    this.settlers = new Map(); // number -> {resolve, reject} of such a promise, until it settles
    this.remotePromises = new WeakMap(); // a promise made here for one there -> its number
    this.mirrors = new Map(); // class chain -> the class made here for it
    this.answers = new Map();
    this.waiting = new Set();
    this.nextCall = 1;
    this.lost = null;
  }

  /** Start reading the other side's messages. */
  start() {
    this.inbox = []; // messages read, not yet taken
    this.later = false; // whether the inbox is to be taken at the next turn of the event loop
    this.head = Buffer.alloc(4);
    this.headFilled = 0;
    this.body = null;
    this.bodyFilled = 0;
    this.chunk = Buffer.alloc(1 << 16);
    this.blocking = fs.openSync(`/proc/self/fd/${this.readFd}`, "r"); // before the stream
    const stream = new net.Socket({ fd: this.readFd, readable: true, writable: false });
    stream.on("data", (data) => {
      this.feed(data, data.length);
      this.takeAll();
    });
    const closed = () => {
      this.takeAll();
      this.take({ lost: "closed" });
    };
    stream.on("end", closed);
    stream.on("close", closed);
    stream.on("error", (error) => this.take({ lost: `reading the channel failed (${error.code})` }));
  }

  /** Cut what was read into messages, onto the inbox. */
  feed(data, length) {
    let at = 0;
    while (at < length && this.lost === null) {
      if (this.body === null) {
        const taken = Math.min(4 - this.headFilled, length - at);
        data.copy(this.head, this.headFilled, at, at + taken);
        this.headFilled += taken;
        at += taken;
        if (this.headFilled === 4) {
          const size = this.head.readUInt32BE(0);
          if (size > this.max) {
            apply(arrayPush, this.inbox, [{ lost: `a message of ${size} bytes, over the limit of ${this.max}` }]);
            return;
          }
          this.body = Buffer.allocUnsafe(size);
          this.bodyFilled = 0;
        }
      } else {
        const taken = Math.min(this.body.length - this.bodyFilled, length - at);
        data.copy(this.body, this.bodyFilled, at, at + taken);
        this.bodyFilled += taken;
        at += taken;
      }
      if (this.body !== null && this.bodyFilled === this.body.length) {
        apply(arrayPush, this.inbox, [apply(bufferToString, this.body, ["utf8"])]);
        this.body = null;
        this.headFilled = 0;
      }
    }
  }

  takeAll() {
    while (this.inbox.length > 0 && this.lost === null) {
      this.take(this.inbox.shift());
    }
  }

  /** Wait until the other side says it is ready (its first message). */
  ready() {
    this.send({ t: "ready" });
    this.until(() => this.readyToo === true);
  }

  // ---- reading ------------------------------------------------------------------------------

  take(message) {
    if (this.lost !== null) {
      return;
    }
    if (typeof message !== "string") {
      this.lose(message && typeof message.lost === "string" ? message.lost : "closed");
      return;
    }
    let parsed;
    try {
      parsed = parse(message);
    } catch (_) {
      this.lose("a message that is not JSON");
      return;
    }
    try {
      this.handle(parsed);
    } catch (error) {
      if (isBroken(error)) {
        this.lose(error.message);
      } else {
        throw error;
      }
    }
  }

  handle(message) {
    if (message === null || typeof message !== "object" || isArray(message) ||
        typeof message.t !== "string") {
      throw new Broken("a message that is not an object with a type");
    }
    const kind = message.t;
    if (kind === "ready") {
      this.readyToo = true;
    } else if (kind === "ret" || kind === "err") {
      if (!this.waiting.has(message.id) || this.answers.has(message.id)) {
        throw new Broken("an answer to no request");
      }
      this.answers.set(message.id, message);
    } else if (kind === "settle") {
      // (a promise inside a value that was too large to send is settled but never given)
      const pending = this.settlers.get(message.p);
      if (pending !== undefined) {
        this.settlers.delete(message.p);
        const value = this.decode(message.v);
        (message.ok === true ? pending.resolve : pending.reject)(value);
      }
    } else if (REQUESTS.has(kind)) {
      if (typeof message.id !== "number") {
        throw new Broken("a request without a number");
      }
      this.answer(message);
    } else {
      throw new Broken(`a message of type ${stringify(kind.slice(0, 20))}`);
    }
  }

  /** Block until `done()`, taking messages (answering requests) meanwhile. What was read
   * past the answer is taken once the event loop runs again: no event will come for it. */
  until(done) {
    for (;;) {
      if (done()) {
        if (this.inbox.length > 0 && !this.later) {
          this.later = true;
          setImmediate_(() => {
            this.later = false;
            this.takeAll();
          });
        }
        return;
      }
      if (this.lost !== null) {
        this.halt();
      }
      if (this.inbox.length > 0) {
        this.take(this.inbox.shift());
        continue;
      }
      let count;
      try {
        count = readSync(this.blocking, this.chunk, 0, this.chunk.length, null);
      } catch (error) {
        if (error.code === "EAGAIN" || error.code === "EINTR") {
          continue;
        }
        this.take({ lost: `reading the channel failed (${error.code})` });
        continue;
      }
      if (count === 0) {
        this.take({ lost: "closed" });
        continue;
      }
      this.feed(this.chunk, count);
    }
  }

  lose(why) {
    if (this.lost === null) {
      this.lost = why;
      this.onLost(why);
    }
    this.halt();
  }

  /** The channel is gone: never return (runner.py ends this process). */
  halt() {
    const never = new Int32Array(new SharedArrayBuffer(4));
    for (;;) {
      apply(atomicsWait, Atomics, [never, 0, 0]);
    }
  }

  // ---- writing ------------------------------------------------------------------------------

  send(message) {
    const data = apply(bufferFrom, Buffer, ["    " + text(message), "utf8"]);
    if (data.length - 4 > this.max) {
      return false;
    }
    data.writeUInt32BE(data.length - 4, 0);
    try {
      let written = 0;
      while (written < data.length) {
        written += writeSync(this.writeFd, data, written, data.length - written);
      }
    } catch (error) {
      this.lose(`writing on the channel failed (${error.code})`);
    }
    return true;
  }

  /** Ask the other side; its answer, or what it threw, thrown here. */
  ask(request) {
    if (this.lost !== null) {
      this.halt();
    }
    const id = this.nextCall;
    this.nextCall += 1;
    request.id = id;
    this.waiting.add(id);
    if (!this.send(request)) {
      this.waiting.delete(id);
      throw new RangeError(`the arguments take more than ${this.max} bytes to send`);
    }
    this.until(() => this.answers.has(id));
    const answer = this.answers.get(id);
    this.answers.delete(id);
    this.waiting.delete(id);
    const value = this.decode(answer.v);
    if (answer.t === "err") {
      throw value;
    }
    return value;
  }

  reply(id, ok, value) {
    const kind = ok ? "ret" : "err";
    if (!this.send({ t: kind, id, v: this.encodeSafely(value, !ok) })) {
      this.send({ t: kind, id, v: ["unsent", `the value takes more than ${this.max} bytes to send`] });
    }
  }

  /** Answer a request of the other side. */
  answer(request) {
    let value;
    try {
      value = this.trusted ? this.answerGuarded(request) : this.answerAll(request);
    } catch (error) {
      if (isBroken(error)) {
        throw error;
      }
      this.reply(request.id, false, error);
      return;
    }
    this.reply(request.id, true, value);
  }

  /** The candidate's side: the cases may do with the candidate's objects what they like. */
  answerAll(request) {
    if (request.t === "import") {
      return this.handleOf(this.importer(String(request.r), String(request.from)));
    }
    const target = this.own(request.o);
    switch (request.t) {
      case "call":
        return apply(target, this.decode(request.self), this.decodeList(request.a));
      case "new":
        return construct(target, this.decodeList(request.a));
      case "get": {
        const key = this.key(request.k);
        const value = target[key];
        // a prototype stays where it is, so that instanceof works on the other side
        return key === "prototype" && typeof target === "function" && value !== null &&
          typeof value === "object" ? this.handleOf(value) : value;
      }
      case "set":
        return Reflect.set(target, this.key(request.k), this.decode(request.v));
      case "has":
        return Reflect.has(target, this.key(request.k));
      case "del":
        return Reflect.deleteProperty(target, this.key(request.k));
      case "keys":
        return ownKeys(target).filter((key) => typeof key === "string");
      case "own": {
        const property = describe(target, this.key(request.k));
        if (property === undefined) {
          return null;
        }
        return { enumerable: property.enumerable === true,
                 value: hasOwn(property, "value") ? property.value : target[this.key(request.k)] };
      }
      case "proto": {
        const proto = getPrototypeOf(target);
        return proto === null ? null : this.handleOf(proto);
      }
      default:
        throw new TypeError("unknown request");
    }
  }

  /** The cases' side: a function of the cases can be called (not constructed), and its
   * primitive properties read; nothing else of the cases can be reached from the candidate's
   * process. */
  answerGuarded(request) {
    if (request.t === "import") {
      throw new TypeError("the code under test cannot import the hidden cases' modules");
    }
    const target = this.own(request.o);
    if (request.t === "call") {
      if (typeof target !== "function") {
        throw new TypeError("this is not a function");
      }
      return apply(target, this.decode(request.self), this.decodeList(request.a));
    }
    if (request.t === "get" && typeof target === "function") {
      const property = describe(target, this.key(request.k));
      const value = property && hasOwn(property, "value") ? property.value : undefined;
      return value === null || (typeof value !== "object" && typeof value !== "function")
        ? value : undefined;
    }
    throw new TypeError("the code under test may call the functions the hidden cases give it, " +
                        "and read nothing else of theirs");
  }

  own(number) {
    const target = this.objects.get(number);
    if (target === undefined) {
      throw new Broken("a request about an object that was never given");
    }
    return target;
  }

  key(key) {
    if (typeof key === "string") {
      return key;
    }
    if (isArray(key) && key[0] === "sym" && BY_NAME.has(key[1])) {
      return BY_NAME.get(key[1]);
    }
    throw new Broken("a property name of the wrong type");
  }

  // ---- stand-ins for the other side's objects ------------------------------------------------

  standIn(number, kind, name, why) {
    const known = this.remote.get(number);
    if (known !== undefined) {
      return known;
    }
    const channel = this;
    const ask = (request) => {
      request.o = number;
      return channel.ask(request);
    };
    const target = kind === "f" ? function () {}.bind(null) : {};
    const proxy = new Proxy(target, {
      get(_, key) {
        if (kind === "f" && (key === "call" || key === "apply" || key === "bind")) {
          return FunctionProto[key]; // which call this stand-in, as on a function
        }
        if (typeof key === "symbol") {
          const known = WELL_KNOWN.get(key);
          return known === undefined ? undefined : ask({ t: "get", k: ["sym", known] });
        }
        return ask({ t: "get", k: key });
      },
      set(_, key, value) {
        if (typeof key === "symbol") {
          throw new TypeError("a symbol property cannot be set on the other process's object");
        }
        ask({ t: "set", k: key, v: channel.encode(value) });
        return true;
      },
      has(_, key) {
        return typeof key === "string" ? ask({ t: "has", k: key }) === true : false;
      },
      deleteProperty(_, key) {
        return typeof key === "string" ? ask({ t: "del", k: key }) === true : true;
      },
      ownKeys() {
        const keys = ask({ t: "keys" });
        if (!isArray(keys) || keys.some((key) => typeof key !== "string")) {
          throw new TypeError("the other process listed keys that are not strings");
        }
        return kind === "f" ? [...new Set([...keys, "length", "name"])] : keys;
      },
      getOwnPropertyDescriptor(_, key) {
        if (typeof key !== "string") {
          return undefined;
        }
        const found = ask({ t: "own", k: key });
        if (found === null || typeof found !== "object") {
          return kind === "f" && (key === "length" || key === "name") ? describe(target, key)
            : undefined;
        }
        return { value: found.value, writable: true, enumerable: found.enumerable === true,
                 configurable: true };
      },
      getPrototypeOf() {
        const proto = ask({ t: "proto" });
        return proto !== null && (typeof proto === "object" || typeof proto === "function")
          ? proto : null;
      },
      setPrototypeOf() {
        return false;
      },
      defineProperty() {
        throw new TypeError("a property cannot be defined on the other process's object");
      },
      preventExtensions() {
        return false;
      },
      apply(_, self, args) {
        return ask({ t: "call", self: channel.encode(self), a: channel.encodeList(args) });
      },
      construct(_, args) {
        const made = ask({ t: "new", a: channel.encodeList(args) });
        if (made === null || (typeof made !== "object" && typeof made !== "function")) {
          throw new TypeError("the other process constructed something that is not an object");
        }
        return made;
      },
    });
    this.remote.set(number, proxy);
    this.remoteNumbers.set(proxy, number);
    this.standIns.set(proxy, why);
    return proxy;
  }

  /** The promise here for the other side's promise `number`. */
  promiseFor(number) {
    const known = this.promises.get(number);
    if (known !== undefined) {
      return known;
    }
    let resolve;
    let reject;
    const promise = new NativePromise((yes, no) => {
      resolve = yes;
      reject = no;
    });
    this.promises.set(number, promise);
    this.settlers.set(number, { resolve, reject });
    this.remotePromises.set(promise, number);
    return promise;
  }

  // ---- sending values -----------------------------------------------------------------------

  number(value) {
    let number = this.numbers.get(value);
    if (number === undefined) {
      number = this.nextNumber;
      this.nextNumber += 1;
      this.numbers.set(value, number);
      this.objects.set(number, value);
    }
    return number;
  }

  /** Send `value` as a handle, whatever it is (a module, a prototype). */
  handleOf(value) {
    const handle = {};
    HANDLES.set(handle, value);
    return handle;
  }

  encodeList(values) {
    const state = { items: 0, seen: new Map() };
    const list = [];
    for (let index = 0; index < values.length; index += 1) {
      apply(arrayPush, list, [this.encodeValue(values[index], 0, state)]);
    }
    return list;
  }

  encode(value) {
    return this.encodeValue(value, 0, { items: 0, seen: new Map() });
  }

  /** `value` as sent, or why it cannot be: never throws. */
  encodeSafely(value, thrown) {
    try {
      return thrown ? this.encodeThrown(value) : this.encode(value);
    } catch (error) {
      if (error === TOO_MANY) {
        return ["unsent", `more than ${MAX_ITEMS} values in one recording`];
      }
      return ["unsent", "reading the value failed"];
    }
  }

  /** What was thrown: an object that is not plain data goes as an error of its classes. */
  encodeThrown(value) {
    if (value !== null && typeof value === "object" && !isProxy(value) &&
        !this.remoteNumbers.has(value) && plainKind(value) === null) {
      return this.encodeError(value, { items: 0, seen: new Map() });
    }
    return this.encode(value);
  }

  encodeValue(value, depth, state) {
    state.items += 1;
    if (state.items > MAX_ITEMS) {
      throw TOO_MANY;
    }
    switch (typeof value) {
      case "undefined":
        return ["u"];
      case "boolean":
      case "string":
        return value;
      case "number":
        if (value !== value) {
          return ["num", "nan"];
        }
        if (value === Infinity || value === -Infinity) {
          return ["num", value > 0 ? "inf" : "-inf"];
        }
        return value === 0 && 1 / value < 0 ? ["num", "-0"] : value;
      case "bigint":
        return ["big", String(value)];
      case "symbol":
        return ["sym", String(value.description === undefined ? "" : value.description)];
      default:
        break;
    }
    if (value === null) {
      return null;
    }
    const remote = this.remoteNumbers.get(value);
    if (remote !== undefined) {
      return ["ref", this.other, remote];
    }
    const promised = this.remotePromises.get(value);
    if (promised !== undefined) {
      return ["promise", this.other, promised];
    }
    if (HANDLES.has(value)) {
      return this.reference(HANDLES.get(value));
    }
    if (typeof value === "function") {
      return this.encodeFunction(value);
    }
    if (isProxy(value)) {
      return this.reference(value, "proxy");
    }
    if (depth > MAX_DEPTH) {
      return ["unsent", `nested more than ${MAX_DEPTH} levels deep`];
    }
    const seen = state.seen.get(value);
    if (seen !== undefined) {
      return ["same", seen];
    }
    if (isPromise(value)) {
      return this.encodePromise(value);
    }
    const kind = plainKind(value);
    if (kind === null) {
      return this.isError(value) ? this.encodeError(value, state) : this.reference(value);
    }
    if (kind === "bytes") {
      const bytes = apply(bufferFrom, Buffer, [apply(bufferOf, value, []),
        apply(byteOffsetOf, value, []), apply(byteLengthOf, value, [])]);
      return ["bytes", apply(bufferToString, bytes, ["base64"]), BufferProto.isPrototypeOf(value)];
    }
    if (kind === "object") {
      const getter = this.getter(value);
      if (getter !== null) {
        return this.reference(value, "getter", getter);
      }
    }
    state.seen.set(value, state.seen.size);
    if (kind === "array") {
      const items = [];
      const length = value.length;
      for (let index = 0; index < length; index += 1) {
        const property = describe(value, index);
        let item;
        if (property === undefined) {
          item = ["hole"];
        } else if (!hasOwn(property, "value")) {
          item = ["unsent", `item ${index} is read through a getter`];
        } else {
          item = this.encodeValue(property.value, depth + 1, state);
        }
        apply(arrayPush, items, [item]);
      }
      return ["arr", items];
    }
    if (kind === "object") {
      const pairs = [];
      const keys = ownKeys(value);
      for (let index = 0; index < keys.length; index += 1) {
        const key = keys[index];
        if (typeof key !== "string") {
          continue;
        }
        const property = describe(value, key);
        if (property.enumerable) {
          apply(arrayPush, pairs, [[key, this.encodeValue(property.value, depth + 1, state)]]);
        }
      }
      return ["obj", pairs, getPrototypeOf(value) === null];
    }
    if (kind === "map") {
      const pairs = [];
      const entries = apply(mapEntries, value, []);
      for (let n = apply(mapSize, value, []); n > 0; n -= 1) {
        const step = apply(mapIteratorNext, entries, []);
        if (step.done) {
          break;
        }
        apply(arrayPush, pairs, [[this.encodeValue(step.value[0], depth + 1, state),
                                  this.encodeValue(step.value[1], depth + 1, state)]]);
      }
      return ["map", pairs];
    }
    const items = [];
    const values = apply(setValues, value, []);
    for (let n = apply(setSize, value, []); n > 0; n -= 1) {
      const step = apply(setIteratorNext, values, []);
      if (step.done) {
        break;
      }
      apply(arrayPush, items, [this.encodeValue(step.value, depth + 1, state)]);
    }
    return ["set", items];
  }

  /** The first own enumerable property read through a getter, or null. */
  getter(object) {
    const keys = ownKeys(object);
    for (let index = 0; index < keys.length; index += 1) {
      const property = describe(object, keys[index]);
      if (typeof keys[index] === "string" && property.enumerable && !hasOwn(property, "value")) {
        return keys[index];
      }
    }
    return null;
  }

  isError(value) {
    let proto = getPrototypeOf(value);
    for (let steps = 0; proto !== null && steps < MAX_CHAIN; steps += 1) {
      if (isProxy(proto)) {
        return false;
      }
      if (proto === ErrorProto) {
        return true;
      }
      proto = getPrototypeOf(proto);
    }
    return false;
  }

  encodeFunction(fn) {
    if (!this.trusted) {
      // an error class is mirrored, as its instances are
      const property = describe(fn, "prototype");
      const proto = property && hasOwn(property, "value") ? property.value : undefined;
      if (proto !== null && typeof proto === "object" && !isProxy(proto) &&
          (proto === ErrorProto || this.isError(proto))) {
        return ["eclass", this.chainOfPrototype(proto)];
      }
    }
    return this.reference(fn);
  }

  chainOfPrototype(proto) {
    return classChain(create(proto));
  }

  encodeError(error, state) {
    const chain = classChain(error);
    const own = (key) => {
      const property = describe(error, key);
      return property && hasOwn(property, "value") && typeof property.value === "string"
        ? property.value.slice(0, MAX_TEXT) : null;
    };
    const pairs = [];
    const keys = ownKeys(error);
    for (let index = 0; index < keys.length; index += 1) {
      const key = keys[index];
      const property = typeof key === "string" ? describe(error, key) : undefined;
      if (property && property.enumerable && hasOwn(property, "value")) {
        apply(arrayPush, pairs, [[key, this.encodeValue(property.value, 1, state)]]);
      }
    }
    return ["error", chain, own("message"), own("stack"), pairs];
  }

  encodePromise(promise) {
    const known = this.numbers.get(promise);
    if (known !== undefined) {
      return ["promise", this.side, known];
    }
    const number = this.number(promise);
    const settle = (ok, value) => {
      if (this.lost === null && !this.send({ t: "settle", p: number, ok,
                                             v: this.encodeSafely(value, !ok) })) {
        this.send({ t: "settle", p: number, ok,
                    v: ["unsent", `the value takes more than ${this.max} bytes to send`] });
      }
    };
    apply(promiseThen, promise, [(value) => settle(true, value), (error) => settle(false, error)]);
    return ["promise", this.side, number];
  }

  reference(value, why, detail) {
    const kind = typeof value === "function" ? "f" : "o";
    let name = "";
    let reason = why || "object";
    if (kind === "f") {
      reason = "function";
    } else if (why === undefined) {
      try {
        name = className(value).slice(0, 200);
      } catch (_) {
        name = "(anonymous)";
      }
    } else if (why === "getter") {
      name = String(detail).slice(0, 200);
    }
    return ["ref", this.side, this.number(value), kind, name, reason];
  }

  // ---- receiving values ---------------------------------------------------------------------

  decodeList(list) {
    if (!isArray(list) || list.length > MAX_ITEMS) {
      throw new Broken("arguments that are not a list");
    }
    const state = { items: 0, objects: [] };
    const values = [];
    for (let index = 0; index < list.length; index += 1) {
      apply(arrayPush, values, [this.decodeValue(list[index], 0, state)]);
    }
    return values;
  }

  decode(value) {
    return this.decodeValue(value, 0, { items: 0, objects: [] });
  }

  decodeValue(value, depth, state) {
    state.items += 1;
    if (state.items > 2 * MAX_ITEMS + 16 || depth > 2 * MAX_DEPTH + 8) {
      throw new Broken("a value larger or deeper than any sent");
    }
    if (value === null || typeof value === "boolean" || typeof value === "string") {
      return value;
    }
    if (typeof value === "number") {
      return value;
    }
    if (!isArray(value) || typeof value[0] !== "string") {
      throw new Broken("a value of an unknown shape");
    }
    const [tag, a, b, c, d, e] = value;
    switch (tag) {
      case "u":
        return undefined;
      case "num":
        if (a === "nan") return NaN;
        if (a === "inf") return Infinity;
        if (a === "-inf") return -Infinity;
        if (a === "-0") return -0;
        throw new Broken("a number of an unknown kind");
      case "big":
        if (typeof a !== "string" || !/^-?[0-9]{1,4000}$/.test(a)) {
          throw new Broken("a bigint that is not one");
        }
        return BigInt(a);
      case "sym":
        return Symbol(typeof a === "string" ? a.slice(0, 200) : "");
      case "hole":
        throw new Broken("a hole outside an array");
      case "arr": {
        if (!isArray(a)) throw new Broken("an array that is not a list");
        const array = [];
        apply(arrayPush, state.objects, [array]);
        array.length = a.length;
        for (let index = 0; index < a.length; index += 1) {
          const item = a[index];
          if (!(isArray(item) && item[0] === "hole" && item.length === 1)) {
            array[index] = this.decodeValue(item, depth + 1, state);
          }
        }
        return array;
      }
      case "obj": {
        if (!isArray(a)) throw new Broken("an object that is not a list of pairs");
        const object = b === true ? create(null) : {};
        apply(arrayPush, state.objects, [object]);
        for (let index = 0; index < a.length; index += 1) {
          const pair = a[index];
          if (!isArray(pair) || pair.length !== 2 || typeof pair[0] !== "string") {
            throw new Broken("an object's property that is not a pair");
          }
          defineProperty(object, pair[0], { value: this.decodeValue(pair[1], depth + 1, state),
                                            writable: true, enumerable: true, configurable: true });
        }
        return object;
      }
      case "map": {
        if (!isArray(a)) throw new Broken("a map that is not a list of pairs");
        const map = new Map();
        apply(arrayPush, state.objects, [map]);
        for (let index = 0; index < a.length; index += 1) {
          const pair = a[index];
          if (!isArray(pair) || pair.length !== 2) throw new Broken("a map entry that is not a pair");
          apply(mapSet, map, [this.decodeValue(pair[0], depth + 1, state),
                              this.decodeValue(pair[1], depth + 1, state)]);
        }
        return map;
      }
      case "set": {
        if (!isArray(a)) throw new Broken("a set that is not a list");
        const set = new Set();
        apply(arrayPush, state.objects, [set]);
        for (let index = 0; index < a.length; index += 1) {
          apply(setAdd, set, [this.decodeValue(a[index], depth + 1, state)]);
        }
        return set;
      }
      case "bytes": {
        if (typeof a !== "string") throw new Broken("bytes that are not base64");
        const bytes = apply(bufferFrom, Buffer, [a, "base64"]);
        return b === true ? bytes : new Uint8Array(bytes);
      }
      case "same":
        if (!Number.isInteger(a) || a < 0 || a >= state.objects.length) {
          throw new Broken("a reference to no value");
        }
        return state.objects[a];
      case "ref":
        if (!Number.isInteger(b) || b < 1) throw new Broken("an object number that is not one");
        if (a === this.side) {
          return this.own(b);
        }
        if (a !== this.other || (c !== "f" && c !== "o")) throw new Broken("a reference of no kind");
        return this.standIn(b, c, typeof d === "string" ? d.slice(0, 200) : "",
                            this.why(c, typeof e === "string" ? e : "", typeof d === "string" ? d : ""));
      case "promise":
        if (!Number.isInteger(b) || b < 1) throw new Broken("a promise number that is not one");
        if (a === this.side) {
          const own = this.own(b);
          if (!isPromise(own)) throw new Broken("a promise that is not one");
          return own;
        }
        if (a !== this.other) throw new Broken("a promise of no side");
        return this.promiseFor(b);
      case "eclass":
        return this.mirror(a);
      case "error":
        return this.mirroredError(a, b, c, d, depth, state);
      case "unsent": {
        const marker = Object.freeze(create(null));
        this.standIns.set(marker, typeof a === "string" ? a.slice(0, 1000) : "not sent");
        return marker;
      }
      default:
        throw new Broken(`a value tagged ${stringify(String(tag).slice(0, 20))}`);
    }
  }

  why(kind, reason, name) {
    if (kind === "f") {
      return "a function is not plain data";
    }
    if (reason === "proxy") {
      return "a Proxy is not plain data";
    }
    if (reason === "getter") {
      return `the property ${stringify(name)} is read through a getter`;
    }
    return `${article(name || "(anonymous)")} object is not plain data`;
  }

  chain(names) {
    if (!isArray(names) || names.length < 1 || names.length > MAX_CHAIN ||
        names.some((name) => typeof name !== "string" || name.length > 200)) {
      throw new Broken("a class chain that is not a list of names");
    }
    return names;
  }

  /** The class made here for the other side's class whose chain of names is `names`. */
  mirror(names) {
    this.chain(names);
    const key = names.join("\u0000");
    const known = this.mirrors.get(key);
    if (known !== undefined) {
      return known;
    }
    const base = names.length > 1 ? this.mirror(names.slice(1)) : null;
    const name = names[0];
    const builtin = BUILTIN_ERRORS.get(name);
    let made;
    if (builtin !== undefined && (name === "Error" ? base === null
      : base === getPrototypeOf(builtin))) {
      made = builtin;
    } else {
      // an error of this class made here (by the cases, say) is made here, not there
      made = function (message) {
        if (new.target === undefined) {
          throw new TypeError(`Class constructor ${name} cannot be invoked without 'new'`);
        }
        const error = create(new.target.prototype);
        if (message !== undefined) {
          defineProperty(error, "message", { value: String(message), writable: true,
                                             configurable: true });
        }
        return error;
      };
      defineProperty(made, "name", { value: name });
      made.prototype = create(base === null ? Object.prototype : base.prototype, {
        constructor: { value: made, writable: true, configurable: true } });
      if (base !== null) {
        Object.setPrototypeOf(made, base);
      }
    }
    this.mirrors.set(key, made);
    return made;
  }

  mirroredError(names, message, stack, pairs, depth, state) {
    const cls = this.mirror(names);
    const error = create(cls.prototype);
    if (typeof message === "string") {
      defineProperty(error, "message", { value: message.slice(0, MAX_TEXT), writable: true,
                                         configurable: true });
    }
    if (typeof stack === "string") {
      defineProperty(error, "stack", { value: stack.slice(0, MAX_TEXT), writable: true,
                                       configurable: true });
    }
    if (!isArray(pairs)) throw new Broken("an error's properties that are not a list");
    for (let index = 0; index < pairs.length; index += 1) {
      const pair = pairs[index];
      if (!isArray(pair) || pair.length !== 2 || typeof pair[0] !== "string") {
        throw new Broken("an error's property that is not a pair");
      }
      defineProperty(error, pair[0], { value: this.decodeValue(pair[1], depth + 1, state),
                                       writable: true, enumerable: true, configurable: true });
    }
    return error;
  }
}

module.exports = { Channel, Broken };
