// Hostile submission 'exits-in-a-case' for recorded mode in TypeScript (tests/hostile/node/README.md).
// The partial sample's code (examples/url-router/partial), then the attack.


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
