// Hidden cases: building links to routes.
import { test } from "worksample-cases";
import { appRouter } from "./_app";

test("links with parameters", { weight: 2 }, (record) => {
  const router = appRouter();
  record("home", () => router.href("home"));
  record("number", () => router.href("user", { id: 7 }));
  record("encoded", () => router.href("user", { id: "jürgen & co/2?" }));
  record("two", () => router.href("user-posts", { id: "ana", postId: "a b" }));
});

test("optional parameters and wildcards", { weight: 2 }, (record) => {
  const router = appRouter();
  record("optional absent", () => router.href("list"));
  record("optional present", () => router.href("list", { page: 2 }));
  record("optional empty", () => router.href("list", { page: "" }));
  record("wildcard", () => router.href("file", { project: 42, path: "docs/my notes/a.md" }));
  record("wildcard empty", () => router.href("file", { project: 42, path: "" }));
  record("wildcard slashes", () => router.href("file", { project: 42, path: "/a//b/" }));
});

test("query strings in links", { weight: 2 }, (record) => {
  const router = appRouter();
  record("sorted and repeated", () => router.href("about", {}, { tab: ["a", "b"], page: 2, Z: "z" }));
  record("encoded", () => router.href("about", {}, { "q&a": "x=y z", "": "empty key" }));
  record("left out", () => router.href("about", {}, { none: undefined, empty: [] }));
  record("nothing", () => router.href("about", {}, {}));
});

test("a link leads back to its route", { weight: 2 }, (record) => {
  const router = appRouter();
  for (const id of ["plain", "a/b", "?#%", "50% + 50%", "ünï cødé", "..", " "]) {
    record(`user ${JSON.stringify(id)}`, () => router.match(router.href("user", { id })));
  }
  record("file", () => router.match(router.href("file", { project: "p q", path: "x/y?/z#" })));
});
