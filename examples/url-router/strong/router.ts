// A client-side URL router. Each route is compiled once into a list of segment matchers and a
// rank; a URL is split, decoded and offered to every route, and the best rank wins.

import { formatQuery, parseQuery, Query, QueryValue } from "./query";

export type { Query, QueryValue } from "./query";
export type Params = Record<string, string>;

export interface Match {
  name: string;
  params: Params;
  query: Query;
}

export type GuardResult = boolean | string;
export type Guard = (match: Match) => GuardResult | Promise<GuardResult>;
export type ParamValue = string | number;

export class RouteError extends Error {}
export class MissingParam extends RouteError {}
export class NotFound extends Error {}
export class NavigationBlocked extends Error {}
export class RedirectLoop extends Error {}

const REDIRECT_LIMIT = 5;
const STATIC_SEGMENT = /^[\w\-.~]+$/;
const PARAM = /^:([A-Za-z_]\w*)(\??)$/;
const WILDCARD = /^\*([A-Za-z_]\w*)$/;

type Part =
  | { type: "text"; text: string }
  | { type: "one"; name: string; optional: boolean }
  | { type: "rest"; name: string };

class CompiledRoute {
  readonly rank: number;
  readonly key: string;

  constructor(readonly name: string, readonly parts: Part[], readonly guard?: Guard) {
    const statics = parts.filter((p) => p.type === "text").length;
    const required = parts.filter((p) => p.type === "one" && !p.optional).length;
    const noRest = parts.some((p) => p.type === "rest") ? 0 : 1;
    this.rank = statics * 1e6 + required * 1e3 + noRest;
    this.key = parts.map((p) => (p.type === "text" ? `=${p.text}` : p.type === "rest" ? "*"
      : p.optional ? "?" : ":")).join("/");
  }

  /** The params when the decoded segments match, else undefined. */
  capture(segments: string[]): Params | undefined {
    const params = new Map<string, string>();
    for (let i = 0; i < this.parts.length; i++) {
      const part = this.parts[i];
      if (part.type === "rest") {
        params.set(part.name, segments.slice(i).join("/"));
        return Object.fromEntries(params);
      }
      if (i >= segments.length) {
        if (part.type === "one" && part.optional) {
          continue;
        }
        return undefined;
      }
      if (part.type === "text" && part.text !== segments[i]) {
        return undefined;
      }
      if (part.type === "one") {
        params.set(part.name, segments[i]);
      }
    }
    return segments.length <= this.parts.length ? Object.fromEntries(params) : undefined;
  }
}

function compile(pattern: string): Part[] {
  if (pattern[0] !== "/") {
    throw new RouteError(`pattern must start with "/": ${pattern}`);
  }
  const texts = pattern === "/" ? [] : pattern.slice(1).split("/");
  const used = new Set<string>();
  const parts = texts.map((text, index): Part => {
    const last = index === texts.length - 1;
    const param = PARAM.exec(text);
    const rest = WILDCARD.exec(text);
    let part: Part;
    if (STATIC_SEGMENT.test(text)) {
      return { type: "text", text };
    } else if (param) {
      part = { type: "one", name: param[1], optional: param[2] === "?" };
      if (part.optional && !last) {
        throw new RouteError(`optional parameter ${text} must come last in ${pattern}`);
      }
    } else if (rest) {
      part = { type: "rest", name: rest[1] };
      if (!last) {
        throw new RouteError(`wildcard ${text} must come last in ${pattern}`);
      }
    } else {
      throw new RouteError(`invalid segment "${text}" in ${pattern}`);
    }
    if (used.has(part.name)) {
      throw new RouteError(`parameter ${part.name} used twice in ${pattern}`);
    }
    used.add(part.name);
    return part;
  });
  return parts;
}

/** Path segments, decoded; undefined when the path has an empty or undecodable segment. */
function segmentsOf(path: string): string[] | undefined {
  if (path === "/") {
    return [];
  }
  const trimmed = path.endsWith("/") ? path.slice(0, -1) : path;
  const decoded: string[] = [];
  for (const raw of trimmed.slice(1).split("/")) {
    if (raw === "") {
      return undefined;
    }
    try {
      decoded.push(decodeURIComponent(raw));
    } catch {
      return undefined;
    }
  }
  return decoded;
}

export class Router {
  private readonly routes: CompiledRoute[] = [];
  private readonly log: string[] = [];

  add(name: string, pattern: string, guard?: Guard): void {
    const route = new CompiledRoute(name, compile(pattern), guard);
    for (const existing of this.routes) {
      if (existing.name === name) {
        throw new RouteError(`duplicate route name: ${name}`);
      }
      if (existing.key === route.key) {
        throw new RouteError(`${pattern} duplicates route ${existing.name}`);
      }
    }
    this.routes.push(route);
  }

  match(url: string): Match | null {
    return this.resolve(url)?.match ?? null;
  }

  href(name: string, params: Record<string, ParamValue> = {},
       query: Record<string, QueryValue> = {}): string {
    const route = this.routes.find((r) => r.name === name);
    if (route === undefined) {
      throw new RouteError(`unknown route: ${name}`);
    }
    const allowed = route.parts.flatMap((p) => (p.type === "text" ? [] : [p.name]));
    const unknown = Object.keys(params).filter((key) => !allowed.includes(key));
    if (unknown.length) {
      throw new RouteError(`route ${name} has no parameter(s) ${unknown.join(", ")}`);
    }
    const path: string[] = [];
    for (const part of route.parts) {
      if (part.type === "text") {
        path.push(part.text);
        continue;
      }
      const raw = params[part.name];
      const value = raw === undefined ? "" : `${raw}`;
      if (part.type === "rest") {
        path.push(...value.split("/").filter(Boolean).map(encodeURIComponent));
      } else if (value !== "") {
        path.push(encodeURIComponent(value));
      } else if (!part.optional) {
        throw new MissingParam(`route ${name} needs ${part.name}`);
      }
    }
    const search = formatQuery(query);
    return `/${path.join("/")}${search ? `?${search}` : ""}`;
  }

  async navigate(url: string): Promise<Match> {
    let target = url;
    let hops = 0;
    for (;;) {
      const found = this.resolve(target);
      if (found === undefined) {
        throw new NotFound(target);
      }
      const answer = found.route.guard === undefined ? true : await found.route.guard(found.match);
      if (answer === true) {
        this.log.push(target);
        return found.match;
      }
      if (typeof answer !== "string") {
        throw new NavigationBlocked(target);
      }
      hops += 1;
      if (hops > REDIRECT_LIMIT) {
        throw new RedirectLoop(`${url}: too many redirects`);
      }
      target = answer;
    }
  }

  history(): string[] {
    return this.log.slice();
  }

  private resolve(url: string): { route: CompiledRoute; match: Match } | undefined {
    if (!url.startsWith("/")) {
      return undefined;
    }
    const [beforeHash] = url.split("#", 1);
    const questionMark = beforeHash.indexOf("?");
    const path = questionMark === -1 ? beforeHash : beforeHash.slice(0, questionMark);
    const segments = segmentsOf(path);
    if (segments === undefined) {
      return undefined;
    }
    let best: { route: CompiledRoute; params: Params } | undefined;
    for (const route of this.routes) {
      const params = route.capture(segments);
      if (params !== undefined && (best === undefined || route.rank > best.route.rank)) {
        best = { route, params };
      }
    }
    if (best === undefined) {
      return undefined;
    }
    const query = questionMark === -1 ? {} : parseQuery(beforeHash.slice(questionMark + 1));
    return { route: best.route, match: { name: best.route.name, params: best.params, query } };
  }
}
