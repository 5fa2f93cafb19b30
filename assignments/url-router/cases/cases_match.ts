// Hidden cases: turning a URL into a route, its parameters and its query. Each records what the
// code returns; the values it must return come from the reference solution, on the grader's
// host.
import { test } from "worksample-cases";
import { appRouter } from "./_app";

test("static routes", { weight: 2 }, (record) => {
  const router = appRouter();
  for (const url of ["/", "/about", "/about/team", "/nowhere", "/about/team/more"]) {
    record(url, () => router.match(url));
  }
});

test("parameters", { weight: 2 }, (record) => {
  const router = appRouter();
  record("one", () => router.match("/users/7"));
  record("two", () => router.match("/users/ana/posts/2024-01-hello"));
  record("too many segments", () => router.match("/users/ana/posts/1/2"));
});

test("segments are percent-decoded", { weight: 2 }, (record) => {
  const router = appRouter();
  record("unicode", () => router.match("/users/j%C3%BCrgen"));
  record("encoded slash", () => router.match("/users/a%2Fb"));
  record("space and plus", () => router.match("/users/a%20b+c"));
  record("malformed", () => router.match("/users/%E0%A4%A"));
});

test("trailing and empty segments", (record) => {
  const router = appRouter();
  for (const url of ["/about/", "/about//", "//about", "//", "/users//posts/1", "", "about",
                     "/?x=1"]) {
    record(JSON.stringify(url), () => router.match(url));
  }
});

test("optional parameter", { weight: 2 }, (record) => {
  const router = appRouter();
  record("absent", () => router.match("/list"));
  record("present", () => router.match("/list/3"));
  record("trailing slash", () => router.match("/list/"));
  record("one too many", () => router.match("/list/3/4"));
});

test("wildcard", { weight: 2 }, (record) => {
  const router = appRouter();
  record("deep", () => router.match("/projects/42/files/docs/intro.md"));
  record("decoded pieces", () => router.match("/projects/42/files/a%20b/c%2Fd"));
  record("empty", () => router.match("/projects/42/files"));
});

test("the most specific route wins", { weight: 3 }, (record) => {
  const router = appRouter();
  record("static over parameter", () => router.match("/users/new"));
  record("parameter over wildcard", () => router.match("/users/ana"));
  record("more statics over parameters", () => router.match("/about/new"));
  record("wildcard when nothing else", () => router.match("/users/ana/likes"));
  record("two parameters over a wildcard", () => router.match("/users/ana/posts/9"));
});

test("query strings", { weight: 2 }, (record) => {
  const router = appRouter();
  record("repeated keys", () => router.match("/about?a=1&b=two+words&a=3&a=4"));
  record("keys alone, empty keys, bad pieces", () => router.match("/about?flag&=x&c=%ZZ&&d=%26"));
  record("fragment ignored", () => router.match("/about?tab=team#history"));
  record("no query", () => router.match("/about?"));
});

test("each match is new", (record) => {
  const router = appRouter();
  const first = router.match("/users/7?tab=a");
  if (first) {
    first.params.id = "changed";
    first.query.tab = "changed";
  }
  record("again", () => router.match("/users/7?tab=a"));
});
