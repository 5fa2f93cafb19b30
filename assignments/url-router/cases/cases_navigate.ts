// Hidden cases: navigation, with guards that may be async and may redirect. A case may be async:
// `await record(...)` waits for a promise and records what it resolved with or rejected with.
import { test } from "worksample-cases";
import { Match, Router } from "router";

const later = <T>(value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), 5));

test("navigate to a route", { weight: 2 }, async (record) => {
  const router = new Router();
  router.add("home", "/");
  router.add("user", "/users/:id");
  await record("user", () => router.navigate("/users/7?tab=posts"));
  await record("nowhere", () => router.navigate("/nowhere"));
  await record("home", () => router.navigate("/"));
  record("history", () => router.history());
});

test("guards allow and block", { weight: 2 }, async (record) => {
  const seen: Match[] = [];
  const router = new Router();
  router.add("open", "/open", () => true);
  router.add("closed", "/closed", () => false);
  router.add("mine", "/mine/:id", async (match) => {
    seen.push(match);
    return later(match.params.id === "1");
  });
  await record("sync true", () => router.navigate("/open"));
  await record("sync false", () => router.navigate("/closed"));
  await record("async true", () => router.navigate("/mine/1?x=y"));
  await record("async false", () => router.navigate("/mine/2"));
  record("what the guard saw", () => seen);
  record("history", () => router.history());
});

test("redirects", { weight: 3 }, async (record) => {
  let signedIn = false;
  const router = new Router();
  router.add("login", "/login");
  router.add("settings", "/settings/:tab", (match) => signedIn || `/login?next=${match.params.tab}`);
  router.add("old", "/old-settings", async () => later("/settings/profile"));
  await record("to login", () => router.navigate("/settings/privacy"));
  signedIn = true;
  await record("two hops", () => router.navigate("/old-settings"));
  record("history", () => router.history());
});

test("redirect loops stop", { weight: 2 }, async (record) => {
  let calls = 0;
  const router = new Router();
  router.add("ping", "/ping/:n", (match) => {
    calls += 1;
    return Number(match.params.n) < 4 ? `/ping/${Number(match.params.n) + 1}` : "/ping/0";
  });
  router.add("hop", "/hop/:n", async (match) => {
    const n = Number(match.params.n);
    return n === 5 ? true : later(`/hop/${n + 1}`);
  });
  await record("loop", () => router.navigate("/ping/0"));
  record("guard calls", () => calls);
  await record("five redirects are fine", () => router.navigate("/hop/0"));
  await record("six are not", () => router.navigate("/ping/4"));
});

test("a guard that throws", async (record) => {
  const router = new Router();
  router.add("broken", "/broken", () => {
    throw new RangeError("guard failed");
  });
  router.add("rejects", "/rejects", async () => {
    throw new TypeError("guard rejected");
  });
  await record("throws", () => router.navigate("/broken"));
  await record("rejects", () => router.navigate("/rejects"));
  record("history", () => router.history());
});
