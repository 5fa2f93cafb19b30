// Hostile submission 'returns-pretenders' for recorded mode in TypeScript (tests/hostile/node/README.md).
// The partial sample's code (examples/url-router/partial), then the attack.


// ---- the attack ----------------------------------------------------------------------------
// Returns, in cases the partial code fails, objects that pretend to hold the right answer
// (hard-coded here from the instructions): a Proxy around it, an object whose properties are
// getters, toJSON, valueOf and Symbol.toPrimitive that say the right thing, an Array subclass
// and a Map subclass that hold it, an object whose prototype is a Proxy, a revoked Proxy; and
// errors that pretend to be a RouteError: a Proxy, an object with that name, an error whose
// prototype chain runs through a Proxy.
const RIGHT_LIST = { name: "list", params: {}, query: {} };
class Pretender extends Array<string> {}
class PretendMap extends Map<string, unknown> {}
let calls = 0;
const partialMatch2 = Router.prototype.match;
Router.prototype.match = function (this: Router, url: string): any {
  if (url === "/list" || url === "/list/") {
    calls += 1;
    switch (calls % 4) {
      case 1:
        return new Proxy({ ...RIGHT_LIST }, {});
      case 2:
        return { get name() { return "list"; }, params: {}, query: {} };
      case 3:
        return Object.setPrototypeOf({ name: "list", params: {}, query: {} },
                                     new Proxy({}, { get: () => "list" }));
      default: {
        const revocable = Proxy.revocable({ ...RIGHT_LIST }, {});
        revocable.revoke();
        return revocable.proxy;
      }
    }
  }
  const honest = partialMatch2.call(this, url);
  if (url.startsWith("/about?a=1&b=two")) {
    const list = Pretender.from(["1", "3", "4"]);
    return { name: "about", params: {}, query: { a: list, b: "two words" },
             toJSON: () => ({ name: "about", params: {}, query: { a: ["1", "3", "4"] } }) };
  }
  if (url === "/projects/42/files") {
    return { name: "file", params: new PretendMap([["project", "42"], ["path", ""]]),
             query: {}, valueOf: () => RIGHT_LIST,
             [Symbol.toPrimitive]: () => JSON.stringify(RIGHT_LIST) };
  }
  return honest;
};
const partialAdd = Router.prototype.add;
Router.prototype.add = function (this: Router, name: string, pattern: string, guard?: Guard) {
  if (pattern === "/users/") {
    throw new Proxy(new RouteError("bad"), {});
  }
  if (pattern === "/a//b") {
    throw { name: "RouteError", constructor: RouteError, message: "bad" };
  }
  if (pattern === "/:1id") {
    const error = new Error("bad");
    Object.setPrototypeOf(error, new Proxy(RouteError.prototype, {}));
    throw error;
  }
  return partialAdd.call(this, name, pattern, guard);
};
