// Hostile submission 'loops-in-sync-and-async' for recorded mode in TypeScript (tests/hostile/node/README.md).
// The partial sample's code (examples/url-router/partial), then the attack.


// ---- the attack ----------------------------------------------------------------------------
// Spins for ever in two cases the partial code fails anyway: synchronously in href() for the
// route "list", and in an endless chain of awaited promises (microtasks: timers never run
// again) when navigate() meets a guard that redirects to /ping.
const partialHref = Router.prototype.href;
Router.prototype.href = function (this: Router, name: string, ...rest: any[]): string {
  if (name === "list") {
    for (;;) {
      // never returns
    }
  }
  return partialHref.apply(this, [name, ...rest] as any);
};
const partialNavigate = Router.prototype.navigate;
Router.prototype.navigate = async function (this: Router, url: string): Promise<Match> {
  if (url.startsWith("/ping")) {
    for (;;) {
      await null;
    }
  }
  return partialNavigate.call(this, url);
};
