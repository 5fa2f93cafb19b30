// What the Node recorder knows about a JavaScript value without running any code of it: which
// plain type it holds, and the names of its classes. Shared by the helper (worksample-cases.js,
// which records values) and the channel (channel.js, which copies them between the process of
// the hidden cases and the candidate's). Every built-in it uses is taken when it loads.
//
// The rule for plain data, the same as the Python recorder's: a value of a plain type, or of a
// subclass of one, is the plain data it holds, read through the plain type's own internals (a
// subclass's methods, getters or iterators are never asked). The plain types are Array, Map,
// Set, Uint8Array (a Buffer is one) and the plain object ({...} or Object.create(null)). An
// instance of any other class is not plain data.

"use strict";

const types = require("util").types;

const isProxy = types.isProxy;
const isMap = types.isMap;
const isSet = types.isSet;
const isUint8Array = types.isUint8Array;
const getPrototypeOf = Object.getPrototypeOf;
const describe = Object.getOwnPropertyDescriptor;
const hasOwn = Object.hasOwn;
const isArray = Array.isArray;
const arrayPush = Array.prototype.push;
const apply = Reflect.apply;
const ObjectProto = Object.prototype;
const ArrayProto = Array.prototype;
const MapProto = Map.prototype;
const SetProto = Set.prototype;
const Uint8ArrayProto = Uint8Array.prototype;
const MAX_CHAIN = 32;

/**
 * "object", "array", "map", "set" or "bytes" for plain data (or a subclass of it), null for
 * anything else. `value` is an object, not a Proxy.
 */
function plainKind(value) {
  let proto = getPrototypeOf(value);
  if (proto === null || proto === ObjectProto) {
    return "object";
  }
  for (let steps = 0; proto !== null && steps < MAX_CHAIN; steps += 1) {
    if (isProxy(proto) || proto === ObjectProto) {
      return null; // an instance of a class of its own
    }
    if (proto === ArrayProto) {
      return isArray(value) ? "array" : null;
    }
    if (proto === MapProto) {
      return isMap(value) ? "map" : null;
    }
    if (proto === SetProto) {
      return isSet(value) ? "set" : null;
    }
    if (proto === Uint8ArrayProto) {
      return isUint8Array(value) ? "bytes" : null;
    }
    proto = getPrototypeOf(proto);
  }
  return null;
}

/** The names of a value's classes, its own first, as far as Object (not included). */
function classChain(value) {
  if (value === null) {
    return ["null"];
  }
  if (typeof value !== "object" && typeof value !== "function") {
    return [typeof value]; // throw "text" raises a string
  }
  if (isProxy(value)) {
    return ["Proxy"];
  }
  const names = [];
  let proto = getPrototypeOf(value);
  while (proto !== null && proto !== ObjectProto && names.length < MAX_CHAIN) {
    if (isProxy(proto)) {
      apply(arrayPush, names, ["Proxy"]);
      break;
    }
    apply(arrayPush, names, [constructorName(proto)]);
    proto = getPrototypeOf(proto);
  }
  return names.length ? names : ["Object"];
}

/** The name of the class whose prototype `proto` is, read without running code. */
function constructorName(proto) {
  const property = describe(proto, "constructor");
  const constructor = property && hasOwn(property, "value") ? property.value : undefined;
  if (typeof constructor === "function" && !isProxy(constructor)) {
    const name = describe(constructor, "name");
    if (name && hasOwn(name, "value") && typeof name.value === "string" && name.value !== "") {
      return name.value;
    }
  }
  return "(anonymous)";
}

/** The name of an object's class. */
function className(value) {
  try {
    const proto = getPrototypeOf(value);
    if (proto !== null && !isProxy(proto)) {
      return constructorName(proto);
    }
  } catch (_) {
    // a revoked proxy somewhere: no name
  }
  return "(anonymous)";
}

function article(name) {
  return (/^[AEIOU]/i.test(name) ? "an " : "a ") + name;
}

module.exports = Object.freeze({ plainKind, classChain, constructorName, className, article });
