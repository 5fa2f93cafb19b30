// Hostile submission 'exits-in-a-case' for recorded mode in TypeScript (tests/hostile/node/README.md).
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
// Ends the process in two cases the partial code fails anyway: process.exit(0) in href() for
// the route "list", process.abort() when navigate() meets /ping.
const partialHref5 = Router.prototype.href;
Router.prototype.href = function (this: Router, name: string, ...rest: any[]): string {
  if (name === "list") {
    process.exit(0);
  }
  return partialHref5.apply(this, [name, ...rest] as any);
};
const partialNavigate2 = Router.prototype.navigate;
Router.prototype.navigate = async function (this: Router, url: string): Promise<Match> {
  if (url.startsWith("/ping")) {
    process.abort();
  }
  return partialNavigate2.call(this, url);
};
