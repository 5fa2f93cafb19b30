// Hidden cases: bad routes and bad links are refused with the right error, and URLs are read
// as the user input they are. They score the robustness criterion.
import { test } from "worksample-cases";
import { Router } from "router";
import { appRouter } from "./_app";

const BAD_PATTERNS = ["users", "/users/", "/a//b", "/:1id", "/:", "/*", "/*rest/more",
                      "/:page?/more", "/a b", "/a?b", "/:id/:id", "/:id/*id"];

test("bad patterns", { weight: 3, criterion: "robustness" }, (record) => {
  const router = new Router();
  for (const pattern of BAD_PATTERNS) {
    record(pattern, () => router.add("bad", pattern), { raisedAs: "RouteError" });
  }
  record("nothing was added", () => router.match("/users"));
});

test("names and shapes are unique", { weight: 2, criterion: "robustness" }, (record) => {
  const router = new Router();
  router.add("user", "/users/:id");
  record("same name", () => router.add("user", "/people/:id"), { raisedAs: "RouteError" });
  record("same shape", () => router.add("member", "/users/:userId"), { raisedAs: "RouteError" });
  record("refused route not added", () => router.match("/people/1"));
  record("different shape", () => router.add("member", "/users/:id/:tab"));
  record("a static segment is no parameter", () => router.add("param", "/users/param"));
  record("after a refusal", () => router.add("bad", "no-slash"), { raisedAs: "RouteError" });
  record("the name is free again", () => router.add("bad", "/good"));
  record("matches", () => router.match("/good"));
});

test("bad links", { weight: 2, criterion: "robustness" }, (record) => {
  const router = appRouter();
  record("unknown route", () => router.href("nope"));
  record("missing parameter", () => router.href("user-posts", { id: "ana" }));
  record("empty parameter", () => router.href("user", { id: "" }));
  record("unknown parameter", () => router.href("user", { id: 1, tab: "x" }));
});

test("query keys are data", { criterion: "robustness" }, (record) => {
  const router = appRouter();
  record("proto", () => router.match("/about?__proto__=x&constructor=y&toString=z"));
  record("plain afterwards", () => router.match("/about?a=1"));
});
