// Write hidden cases for worksample's recorded mode in JavaScript or TypeScript: call the
// candidate's code and record what it returns. A case holds no expected values: worksample
// runs the same cases against the reference solution and compares the two recordings on the
// grader's host.
//
//     const { test } = require("worksample-cases");      // TypeScript: import { test } from ...
//     const { Inventory } = require("inventory");         // the code under test, by module name
//
//     test("reserve then count", { weight: 2 }, (record) => {
//       const stock = new Inventory({ apple: 10 });
//       record("reserve", () => stock.reserve("o1", { apple: 4 }));
//       record("left", () => stock.available("apple"));
//     });
//
// record(label, call, options) calls call() and records what it returned, or what it threw,
// and gives that back; when call() returns a Promise, record waits for it and gives back a
// Promise (await it). record.value(label, value, options) records a value you already have.
// Options, all optional: absTol and relTol for floats, unordered: true for an array whose
// order does not matter (the items inside it keep theirs), raisedAs: "RangeError" to accept
// that error class or a subclass. Values are recorded strictly, as worksample/sandbox/typed.py
// says: a number is an int when it is a safe integer, else a float; a bigint is an int; null
// and undefined are both null; an Array is a list, a Map or a plain object a dict, a Set a
// set, a Uint8Array or Buffer bytes, and a subclass of one of these the plain data it holds;
// a thrown value is "raised" with its class and the classes it extends. Anything else (an
// instance of another class, a function, a Promise, a Proxy, a getter) is recorded as not
// recordable, which never matches.
//
// This module runs in the process of the hidden cases (cases.js), which the code under test
// does not share: that code runs in a process of its own (candidate.js), and what a case
// gets from it are copies of its plain data and stand-ins for the rest (channel.js).

"use strict";

const types = require("util").types;
const { plainKind, classChain, className, article } = require("./values");

const isProxy = types.isProxy;
const isPromise = types.isPromise;
const apply = Reflect.apply;
const ownKeys = Reflect.ownKeys;
const getPrototypeOf = Object.getPrototypeOf;
const describe = Object.getOwnPropertyDescriptor;
const hasOwn = Object.hasOwn;
const freeze = Object.freeze;
const isInteger = Number.isInteger;
const isSafeInteger = Number.isSafeInteger;
const isFinite_ = Number.isFinite;
const numberOf = Number;
const stringOf = String;
const quote = JSON.stringify; // on strings and numbers only: a primitive has no toJSON
const arrayPush = Array.prototype.push;
const arrayJoin = Array.prototype.join;
const promiseThen = Promise.prototype.then;
const MapProto = Map.prototype;
const SetProto = Set.prototype;
const Uint8ArrayProto = Uint8Array.prototype;
const TypedArrayProto = getPrototypeOf(Uint8ArrayProto);
const bufferOf = describe(TypedArrayProto, "buffer").get;
const byteOffsetOf = describe(TypedArrayProto, "byteOffset").get;
const byteLengthOf = describe(TypedArrayProto, "byteLength").get;
const bufferFrom = Buffer.from;
const bufferToString = Buffer.prototype.toString;
const mapEntries = Map.prototype.entries;
const mapSize = describe(MapProto, "size").get;
const setValues = Set.prototype.values;
const setSize = describe(SetProto, "size").get;
const mapIteratorNext = getPrototypeOf(new Map().entries()).next;
const setIteratorNext = getPrototypeOf(new Set().values()).next;

const MAX_DEPTH = 32;
const MAX_ITEMS = 100000; // values in one recording
const MAX_SAFE = 2 ** 53;
const CASE_ITSELF = "(the case)"; // the label of what stopped a case outside a record
const OPTIONS = freeze({ __proto__: null, absTol: "abs_tol", relTol: "rel_tol",
                         unordered: "unordered", raisedAs: "raised_as" });
const TOO_MUCH = freeze({}); // thrown when a recording holds more than MAX_ITEMS values

// ---- cases ---------------------------------------------------------------------------------

const registry = { file: null, cases: [], names: new Set() };
// Values that stand for something of the candidate's process (channel.js): what is recorded
// of each, always "not recordable", with the reason.
const standIns = new WeakMap();

/**
 * Declare a hidden case: test(name, fn) or test(name, { weight, criterion }, fn). fn gets
 * `record` and may be async. The weight (default 1) and the rubric criterion it scores
 * (default: the assignment's tests criterion) are read from the reference's run.
 */
function test(name, options, fn) {
  if (fn === undefined && typeof options === "function") {
    fn = options;
    options = {};
  }
  if (registry.file === null) {
    throw new Error("test() declares a case while a case file loads, at its top level");
  }
  if (typeof name !== "string" || name === "" || name.length > 200 || /[\r\n]/.test(name)) {
    throw new TypeError("a case's name is a non-empty string of one line, at most 200 chars");
  }
  if (typeof fn !== "function") {
    throw new TypeError(`test(${quote(name)}, ...): give the case as a function (record) => {...}`);
  }
  const given = options === undefined || options === null ? {} : options;
  const keys = ownKeys(given);
  for (let index = 0; index < keys.length; index += 1) {
    const key = keys[index];
    if (key !== "weight" && key !== "criterion") {
      throw new TypeError(`test(${quote(name)}): unknown option ${stringOf(key)}; ` +
                          "known: weight, criterion");
    }
  }
  const weight = given.weight === undefined ? 1 : given.weight;
  if (typeof weight !== "number" || !isFinite_(weight) || !(weight > 0)) {
    throw new TypeError(`test(${quote(name)}): a case's weight is a positive number`);
  }
  const criterion = given.criterion === undefined ? null : given.criterion;
  if (criterion !== null && typeof criterion !== "string") {
    throw new TypeError(`test(${quote(name)}): a criterion is the id of a rubric criterion`);
  }
  const id = registry.file + "::" + name;
  if (registry.names.has(id)) {
    throw new Error(`two cases are named ${quote(name)} in ${registry.file}`);
  }
  registry.names.add(id);
  apply(arrayPush, registry.cases, [freeze({ id, fn, weight, criterion })]);
}

// ---- recording -----------------------------------------------------------------------------

/**
 * What a case calls to record. `send(observation)` gets each observation in order, once
 * every one before it is settled; `close()` ends the case: a call still pending is recorded
 * as not settled.
 */
function recorder(send) {
  const slots = [];
  let sent = 0;
  let open = true;

  function flush() {
    while (sent < slots.length && slots[sent].settled) {
      send(slots[sent].observation);
      sent += 1;
    }
  }

  function add(label, options) {
    if (typeof label !== "string") {
      throw new TypeError("a label is a string");
    }
    const observation = { label, value: null };
    const tolerance = toleranceOf(options);
    if (tolerance !== null) {
      observation.options = tolerance;
    }
    const slot = { observation, settled: false };
    if (open) {
      apply(arrayPush, slots, [slot]);
    }
    return slot;
  }

  function settle(slot, value) {
    slot.observation.value = value;
    slot.settled = true;
    if (open) {
      flush();
    }
  }

  function record(label, call, options) {
    if (typeof call !== "function") {
      throw new TypeError("record(label, call): give a function, e.g. () => f(x); use " +
                          "record.value(label, value) for a value");
    }
    const slot = add(label, options);
    let value;
    try {
      value = call();
    } catch (error) {
      settle(slot, raised(error));
      return error;
    }
    if (isPromise(value)) {
      return new Promise((resolve) => {
        apply(promiseThen, value, [
          (result) => { settle(slot, typed(result)); resolve(result); },
          (error) => { settle(slot, raised(error)); resolve(error); },
        ]);
      });
    }
    settle(slot, typed(value));
    return value;
  }

  record.value = function value(label, given, options) {
    settle(add(label, options), typed(given));
    return given;
  };

  function stopped(value) {
    const slot = { observation: { label: CASE_ITSELF, value }, settled: true };
    apply(arrayPush, slots, [slot]);
  }

  function close() {
    for (let index = sent; index < slots.length; index += 1) {
      if (!slots[index].settled) {
        slots[index].observation.value = unrecorded(
          "the call had not settled when the case ended (await record(...))");
        slots[index].settled = true;
      }
    }
    flush();
    open = false;
  }

  return { record, stopped, close };
}

function toleranceOf(options) {
  if (options === undefined || options === null) {
    return null;
  }
  if (typeof options !== "object") {
    throw new TypeError("record options are an object: { absTol, relTol, unordered, raisedAs }");
  }
  const tolerance = {};
  let any = false;
  const keys = ownKeys(options);
  for (let index = 0; index < keys.length; index += 1) {
    const key = keys[index];
    const name = typeof key === "string" ? OPTIONS[key] : undefined;
    if (name === undefined) {
      throw new TypeError(`unknown record option ${stringOf(key)}; known: absTol, relTol, ` +
                          "unordered, raisedAs");
    }
    const value = options[key];
    if ((key === "absTol" || key === "relTol") &&
        !(typeof value === "number" && isFinite_(value) && value >= 0)) {
      throw new TypeError(`${key} is a number >= 0`);
    }
    if (key === "unordered" && typeof value !== "boolean") {
      throw new TypeError("unordered is true or false");
    }
    if (key === "raisedAs" && typeof value !== "string") {
      throw new TypeError("raisedAs is the name of an error class");
    }
    tolerance[name] = value;
    any = true;
  }
  return any ? tolerance : null;
}

// ---- typed values (worksample/sandbox/typed.py) ---------------------------------------------

function unrecorded(why) {
  return ["unrecorded", why];
}

/** A value as a typed value, or "unrecorded" with the reason; never runs code of the value. */
function typed(value) {
  const budget = { items: 0 };
  try {
    return typedValue(value, 0, budget);
  } catch (error) {
    if (error === TOO_MUCH) {
      return unrecorded(`more than ${MAX_ITEMS} values in one recording`);
    }
    return unrecorded("reading the value failed");
  }
}

function typedValue(value, depth, budget) {
  budget.items += 1;
  if (budget.items > MAX_ITEMS) {
    throw TOO_MUCH;
  }
  if (depth > MAX_DEPTH) {
    return unrecorded(`nested more than ${MAX_DEPTH} levels deep`);
  }
  switch (typeof value) {
    case "undefined":
      return ["null", null];
    case "boolean":
      return ["bool", value];
    case "number":
      if (isInteger(value) && isSafeInteger(value)) {
        return ["int", value === 0 ? 0 : value]; // -0 is 0
      }
      if (isFinite_(value)) {
        return ["float", value];
      }
      return ["float", value !== value ? "nan" : value > 0 ? "inf" : "-inf"];
    case "bigint":
      return ["int", value >= -MAX_SAFE && value <= MAX_SAFE ? numberOf(value)
        : stringOf(value)];
    case "string":
      return ["str", value];
    case "symbol":
      return unrecorded("a symbol is not plain data");
    case "function":
      return unrecorded("a function is not plain data");
    default:
      break;
  }
  if (value === null) {
    return ["null", null];
  }
  const standIn = standIns.get(value); // what stands here for a value of the candidate's process
  if (standIn !== undefined) {
    return unrecorded(standIn);
  }
  if (isProxy(value)) {
    return unrecorded("a Proxy is not plain data");
  }
  switch (plainKind(value)) {
    case "array":
      return ["list", arrayItems(value, depth, budget)];
    case "object":
      return objectEntries(value, depth, budget);
    case "map": {
      const pairs = [];
      const entries = apply(mapEntries, value, []);
      for (let n = apply(mapSize, value, []); n > 0; n -= 1) {
        const step = apply(mapIteratorNext, entries, []);
        if (step.done) {
          break;
        }
        const key = typedValue(step.value[0], depth + 1, budget);
        apply(arrayPush, pairs, [[key, typedValue(step.value[1], depth + 1, budget)]]);
      }
      return ["dict", pairs];
    }
    case "set": {
      const items = [];
      const values = apply(setValues, value, []);
      for (let n = apply(setSize, value, []); n > 0; n -= 1) {
        const step = apply(setIteratorNext, values, []);
        if (step.done) {
          break;
        }
        apply(arrayPush, items, [typedValue(step.value, depth + 1, budget)]);
      }
      return ["set", items];
    }
    case "bytes": {
      const bytes = apply(bufferFrom, Buffer, [apply(bufferOf, value, []),
        apply(byteOffsetOf, value, []), apply(byteLengthOf, value, [])]);
      return ["bytes", apply(bufferToString, bytes, ["base64"])];
    }
    default:
      return unrecorded(`${article(className(value))} object is not plain data`);
  }
}

function arrayItems(array, depth, budget) {
  const items = [];
  const length = array.length; // an Array's own length: not a getter, not a trap
  for (let index = 0; index < length; index += 1) {
    const property = describe(array, index);
    let item;
    if (property === undefined) {
      item = ["null", null]; // a hole reads as undefined
      budget.items += 1;
      if (budget.items > MAX_ITEMS) {
        throw TOO_MUCH;
      }
    } else if (!hasOwn(property, "value")) {
      item = unrecorded(`item ${index} is read through a getter`);
    } else {
      item = typedValue(property.value, depth + 1, budget);
    }
    apply(arrayPush, items, [item]);
  }
  return items;
}

function objectEntries(object, depth, budget) {
  const pairs = [];
  const keys = ownKeys(object);
  for (let index = 0; index < keys.length; index += 1) {
    const key = keys[index];
    if (typeof key !== "string") {
      continue; // symbol keys are not data
    }
    const property = describe(object, key);
    if (!property.enumerable) {
      continue;
    }
    if (!hasOwn(property, "value")) {
      return unrecorded(`the property ${quote(key)} is read through a getter`);
    }
    budget.items += 1;
    apply(arrayPush, pairs, [[["str", key], typedValue(property.value, depth + 1, budget)]]);
  }
  return ["dict", pairs];
}

/** A thrown value as "raised": its class and the classes it extends, by name. */
function raised(error) {
  let names;
  try {
    names = classChain(error);
  } catch (_) {
    names = ["(unreadable)"];
  }
  const bases = [];
  for (let index = 1; index < names.length; index += 1) {
    bases[index - 1] = names[index];
  }
  return ["raised", { name: names[0], bases }];
}

/** A typed value as JSON text, written by hand: JSON.stringify would call toJSON methods. */
function serialize(node) {
  const tag = node[0];
  const payload = node[1];
  let body;
  if (tag === "list" || tag === "set") {
    const parts = [];
    for (let index = 0; index < payload.length; index += 1) {
      apply(arrayPush, parts, [serialize(payload[index])]);
    }
    body = "[" + apply(arrayJoin, parts, [","]) + "]";
  } else if (tag === "dict") {
    const parts = [];
    for (let index = 0; index < payload.length; index += 1) {
      const pair = payload[index];
      apply(arrayPush, parts, ["[" + serialize(pair[0]) + "," + serialize(pair[1]) + "]"]);
    }
    body = "[" + apply(arrayJoin, parts, [","]) + "]";
  } else if (tag === "raised") {
    const bases = [];
    for (let index = 0; index < payload.bases.length; index += 1) {
      apply(arrayPush, bases, [quote(payload.bases[index])]);
    }
    body = '{"name":' + quote(payload.name) + ',"bases":[' + apply(arrayJoin, bases, [","]) +
      "]}";
  } else if (tag === "null") {
    body = "null";
  } else if (tag === "bool") {
    body = payload ? "true" : "false";
  } else {
    body = quote(payload); // a string or a number
  }
  return '{"' + tag + '":' + body + "}";
}

/** An observation as JSON text. */
function observationText(observation) {
  let text = '{"label":' + quote(observation.label) + ',"value":' +
    serialize(observation.value);
  if (observation.options) {
    const parts = [];
    const names = ownKeys(observation.options);
    for (let index = 0; index < names.length; index += 1) {
      apply(arrayPush, parts, [quote(names[index]) + ":" +
        quote(observation.options[names[index]])]);
    }
    text += ',"options":{' + apply(arrayJoin, parts, [","]) + "}";
  }
  return text + "}";
}

const api = { test, CASE_ITSELF };
// The runner's side (cases.js), not for case files.
Object.defineProperty(api, Symbol.for("worksample.runner"), { value: freeze({
  registry, recorder, raised, typed, unrecorded, observationText, serialize, standIns,
}) });
module.exports = freeze(api);
