// Query strings: reading them from a URL, writing them into a link.

export type Query = Record<string, string | string[]>;
export type QueryValue = string | number | undefined | Array<string | number>;

function decodePart(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return undefined;
  }
}

/** `a=1&a=2&b` -> { a: ["1", "2"], b: "" }. The object has no prototype: a key such as
 * `__proto__` from a URL is just a key. */
export function parseQuery(search: string): Query {
  const result: Query = Object.create(null);
  for (const piece of search.split("&")) {
    const [rawKey, ...rest] = piece.split("=");
    const key = decodePart(rawKey);
    const value = decodePart(rest.join("="));
    if (!key || value === undefined) {
      continue;
    }
    const previous = result[key];
    if (previous === undefined) {
      result[key] = value;
    } else if (Array.isArray(previous)) {
      previous.push(value);
    } else {
      result[key] = [previous, value];
    }
  }
  return result;
}

export function formatQuery(query: Record<string, QueryValue>): string {
  const pairs: string[] = [];
  for (const key of Object.keys(query).sort()) {
    const value = query[key];
    const values = value === undefined ? [] : Array.isArray(value) ? value : [value];
    for (const item of values) {
      pairs.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(item))}`);
    }
  }
  return pairs.join("&");
}
