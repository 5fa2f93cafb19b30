// Hostile submission 'returns-pretenders' for recorded mode in TypeScript (tests/hostile/node/README.md).
// The partial sample's code (examples/url-router/partial), then the attack.

// URL router

export type Params = Record<string, string>;
export type Query = Record<string, string | string[]>;

export interface Match {
  name: string;
  params: Params;
  query: Query;
}

export type GuardResult = boolean | string;
export type Guard = (match: Match) => GuardResult | Promise<GuardResult>;
export type ParamValue = string | number;
export type QueryValue = string | number | undefined | Array<string | number>;

export class RouteError extends Error {}
export class MissingParam extends RouteError {}
export class NotFound extends Error {}
export class NavigationBlocked extends Error {}
export class RedirectLoop extends Error {}

interface Route {
  name: string;
  pattern: string;
  guard?: Guard;
}

export class Router {
  routes: Route[] = [];
  visited: string[] = [];

  add(name: string, pattern: string, guard?: Guard): void {
    if (!pattern.startsWith("/")) {
      throw new RouteError("pattern must start with /");
    }
    for (const route of this.routes) {
      if (route.name === name) {
        throw new RouteError("duplicate name " + name);
      }
    }
    this.routes.push({ name, pattern, guard });
  }

  match(url: string): Match | null {
    const [path, search] = url.split("#")[0].split("?");
    const parts = path.split("/").filter((p) => p !== "");
    // routes with more fixed segments first, so /users/new beats /users/:id
    const statics = (r: Route) => r.pattern.split("/").filter((p) => p && !/^[:*]/.test(p)).length;
    const ordered = [...this.routes].sort((a, b) => statics(b) - statics(a));
    for (const route of ordered) {
      const patternParts = route.pattern.split("/").filter((p) => p !== "");
      const params: Params = {};
      let ok = true;
      for (let i = 0; i < patternParts.length; i++) {
        const p = patternParts[i];
        if (p.startsWith("*")) {
          if (i >= parts.length) {
            ok = false;
            break;
          }
          params[p.slice(1)] = parts.slice(i).map(decodeURIComponent).join("/");
          parts.length = patternParts.length; // the rest is taken
          break;
        }
        if (i >= parts.length) {
          ok = false;
          break;
        }
        if (p.startsWith(":")) {
          params[p.slice(1)] = decodeURIComponent(parts[i]);
        } else if (p !== parts[i]) {
          ok = false;
          break;
        }
      }
      if (ok && parts.length === patternParts.length) {
        return { name: route.name, params, query: this.parseQuery(search || "") };
      }
    }
    return null;
  }

  parseQuery(search: string): Query {
    const query: Query = {};
    for (const pair of search.split("&")) {
      if (!pair) continue;
      const [key, value] = pair.split("=");
      query[decodeURIComponent(key)] = decodeURIComponent(value || "");
    }
    return query;
  }

  href(name: string, params: Record<string, ParamValue> = {},
       query: Record<string, QueryValue> = {}): string {
    const route = this.routes.find((r) => r.name === name);
    if (!route) {
      throw new RouteError("no route " + name);
    }
    let path = route.pattern;
    for (const key of Object.keys(params)) {
      path = path.replace(":" + key, encodeURI(String(params[key])));
      path = path.replace("*" + key, encodeURI(String(params[key])));
    }
    if (path.includes(":")) {
      throw new MissingParam("missing parameter in " + path);
    }
    const pairs = Object.keys(query)
      .filter((key) => query[key] !== undefined)
      .map((key) => key + "=" + encodeURIComponent(String(query[key])));
    return pairs.length ? path + "?" + pairs.join("&") : path;
  }

  async navigate(url: string): Promise<Match> {
    let current = url;
    for (let i = 0; i < 10; i++) {
      const match = this.match(current);
      if (!match) {
        throw new NotFound(current);
      }
      const route = this.routes.find((r) => r.name === match.name)!;
      if (!route.guard) {
        this.visited.push(current);
        return match;
      }
      const result = await route.guard(match);
      if (result === true) {
        this.visited.push(current);
        return match;
      }
      if (result === false) {
        throw new NavigationBlocked(current);
      }
      current = result;
    }
    throw new RedirectLoop(url);
  }

  history(): string[] {
    return this.visited;
  }
}

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
