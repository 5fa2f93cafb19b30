/**
 * A client-side URL router. See instructions.md. The types below are the API the hidden cases
 * use: keep their names and shapes.
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

export class Router {
  add(name: string, pattern: string, guard?: Guard): void {
    throw new Error("not implemented");
  }

  match(url: string): Match | null {
    return null;
  }

  href(name: string, params: Record<string, ParamValue> = {},
       query: Record<string, QueryValue> = {}): string {
    throw new Error("not implemented");
  }

  async navigate(url: string): Promise<Match> {
    throw new Error("not implemented");
  }

  history(): string[] {
    return [];
  }
}
