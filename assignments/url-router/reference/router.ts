/**
 * Reference solution: a client-side URL router. Routes are parsed once into segments; a URL is
 * matched against every route and the most specific match wins (see `specificity`).
 */

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

const MAX_REDIRECTS = 5;
const STATIC = /^[A-Za-z0-9\-_.~]+$/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

type Segment =
  | { kind: "static"; text: string }
  | { kind: "param" | "optional" | "wildcard"; name: string };

interface Route {
  name: string;
  segments: Segment[];
  guard?: Guard;
}

function parsePattern(pattern: string): Segment[] {
  if (!pattern.startsWith("/")) {
    throw new RouteError(`a pattern starts with "/": ${JSON.stringify(pattern)}`);
  }
  if (pattern === "/") {
    return [];
  }
  const parts = pattern.slice(1).split("/");
  const names = new Set<string>();
  return parts.map((part, index): Segment => {
    if (STATIC.test(part)) {
      return { kind: "static", text: part };
    }
    let segment: Segment;
    if (part.startsWith(":") && part.endsWith("?")) {
      segment = { kind: "optional", name: part.slice(1, -1) };
    } else if (part.startsWith(":")) {
      segment = { kind: "param", name: part.slice(1) };
    } else if (part.startsWith("*")) {
      segment = { kind: "wildcard", name: part.slice(1) };
    } else {
      throw new RouteError(`${JSON.stringify(part)} is not a segment (in ${pattern})`);
    }
    if (!NAME.test(segment.name)) {
      throw new RouteError(`${JSON.stringify(part)}: a parameter needs a name (in ${pattern})`);
    }
    if (segment.kind !== "param" && index !== parts.length - 1) {
      throw new RouteError(`${part} can only be the last segment (in ${pattern})`);
    }
    if (names.has(segment.name)) {
      throw new RouteError(`the parameter ${segment.name} appears twice in ${pattern}`);
    }
    names.add(segment.name);
    return segment;
  });
}

/** The pattern with parameter names left out: two routes of one shape match the same URLs. */
function shape(segments: Segment[]): string {
  return segments.map((s) => (s.kind === "static" ? `=${s.text}` : s.kind)).join("/");
}

/** Compared from the first number on, higher wins: statics, then required parameters, then no
 * wildcard. Ties go to the route added first (the sort is stable). */
function specificity(route: Route): number[] {
  const count = (kind: Segment["kind"]) => route.segments.filter((s) => s.kind === kind).length;
  return [count("static"), count("param"), count("wildcard") ? 0 : 1];
}

function decode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null; // malformed percent-encoding
  }
}

/** The decoded segments of a path, or null when it has an empty or undecodable segment. */
function pathSegments(path: string): string[] | null {
  let body = path.slice(1);
  if (body.endsWith("/")) {
    body = body.slice(0, -1); // one trailing slash is ignored
  }
  if (body === "") {
    return path === "/" ? [] : null;
  }
  const decoded = body.split("/").map((part) => (part === "" ? null : decode(part)));
  return decoded.every((part): part is string => part !== null) ? decoded : null;
}

function parseQuery(text: string): Query {
  const values = new Map<string, string[]>();
  for (const piece of text.split("&")) {
    const equals = piece.indexOf("=");
    const key = decode((equals < 0 ? piece : piece.slice(0, equals)).replace(/\+/g, " "));
    const value = decode((equals < 0 ? "" : piece.slice(equals + 1)).replace(/\+/g, " "));
    if (key === null || value === null || key === "") {
      continue;
    }
    values.set(key, [...(values.get(key) ?? []), value]);
  }
  // fromEntries defines own properties: a key such as "__proto__" stays data
  return Object.fromEntries([...values].map(([key, all]) => [key, all.length === 1 ? all[0] : all]));
}

function matchSegments(segments: Segment[], parts: string[]): Params | null {
  const found: [string, string][] = [];
  for (const [index, segment] of segments.entries()) {
    const part = parts[index];
    if (segment.kind === "wildcard") {
      found.push([segment.name, parts.slice(index).join("/")]);
      return Object.fromEntries(found);
    }
    if (part === undefined) {
      if (segment.kind !== "optional") {
        return null;
      }
    } else if (segment.kind === "static") {
      if (part !== segment.text) {
        return null;
      }
    } else {
      found.push([segment.name, part]);
    }
  }
  return parts.length <= segments.length ? Object.fromEntries(found) : null;
}

export class Router {
  private routes: Route[] = [];
  private visited: string[] = [];

  add(name: string, pattern: string, guard?: Guard): void {
    const segments = parsePattern(pattern);
    if (this.routes.some((route) => route.name === name)) {
      throw new RouteError(`there is already a route named ${name}`);
    }
    const same = this.routes.find((route) => shape(route.segments) === shape(segments));
    if (same) {
      throw new RouteError(`${pattern} matches the same URLs as the route ${same.name}`);
    }
    this.routes.push({ name, segments, guard });
  }

  match(url: string): Match | null {
    const found = this.find(url);
    return found && found.match;
  }

  href(name: string, params: Record<string, ParamValue> = {},
       query: Record<string, QueryValue> = {}): string {
    const route = this.routes.find((r) => r.name === name);
    if (!route) {
      throw new RouteError(`there is no route named ${name}`);
    }
    const names = new Set(route.segments.flatMap((s) => (s.kind === "static" ? [] : [s.name])));
    for (const key of Object.keys(params)) {
      if (!names.has(key)) {
        throw new RouteError(`the route ${name} has no parameter ${key}`);
      }
    }
    const parts: string[] = [];
    for (const segment of route.segments) {
      if (segment.kind === "static") {
        parts.push(segment.text);
        continue;
      }
      const given = params[segment.name];
      const value = given === undefined ? "" : String(given);
      if (segment.kind === "param" && value === "") {
        throw new MissingParam(`the route ${name} needs the parameter ${segment.name}`);
      }
      const pieces = segment.kind === "wildcard" ? value.split("/") : [value];
      parts.push(...pieces.filter((piece) => piece !== "").map(encodeURIComponent));
    }
    const pairs: string[] = [];
    for (const key of Object.keys(query).sort()) {
      const value = query[key];
      for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) {
        pairs.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(item))}`);
      }
    }
    const path = "/" + parts.join("/");
    return pairs.length ? `${path}?${pairs.join("&")}` : path;
  }

  async navigate(url: string): Promise<Match> {
    let current = url;
    for (let redirects = 0; ; redirects += 1) {
      const found = this.find(current);
      if (!found) {
        throw new NotFound(`no route matches ${current}`);
      }
      const verdict = found.route.guard ? await found.route.guard(found.match) : true;
      if (verdict === true) {
        this.visited.push(current);
        return found.match;
      }
      if (typeof verdict !== "string") {
        throw new NavigationBlocked(`the route ${found.route.name} refused ${current}`);
      }
      if (redirects === MAX_REDIRECTS) {
        throw new RedirectLoop(`more than ${MAX_REDIRECTS} redirects from ${url}`);
      }
      current = verdict;
    }
  }

  history(): string[] {
    return [...this.visited];
  }

  private find(url: string): { route: Route; match: Match } | null {
    if (!url.startsWith("/")) {
      return null;
    }
    const withoutFragment = url.split("#")[0];
    const question = withoutFragment.indexOf("?");
    const path = question < 0 ? withoutFragment : withoutFragment.slice(0, question);
    const parts = pathSegments(path);
    if (parts === null) {
      return null;
    }
    const candidates = this.routes
      .map((route) => ({ route, params: matchSegments(route.segments, parts) }))
      .filter((c): c is { route: Route; params: Params } => c.params !== null);
    if (!candidates.length) {
      return null;
    }
    const best = candidates.reduce((a, b) => (compare(specificity(b.route), specificity(a.route)) > 0 ? b : a));
    const query = question < 0 ? {} : parseQuery(withoutFragment.slice(question + 1));
    return { route: best.route, match: { name: best.route.name, params: best.params, query } };
  }
}

function compare(a: number[], b: number[]): number {
  for (const [index, value] of a.entries()) {
    if (value !== b[index]) {
      return value - b[index];
    }
  }
  return 0;
}
