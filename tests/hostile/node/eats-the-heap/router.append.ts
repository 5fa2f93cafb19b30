// Hostile submission 'eats-the-heap' for recorded mode in TypeScript (tests/hostile/node/README.md).
// The partial sample's code (examples/url-router/partial), then the attack.


// ---- the attack ----------------------------------------------------------------------------
// Allocates until V8's heap gives out, in a case the partial code fails anyway (href for the
// route "list").
const keep: unknown[] = [];
const partialHref3 = Router.prototype.href;
Router.prototype.href = function (this: Router, name: string, ...rest: any[]): string {
  if (name === "list") {
    for (;;) {
      keep.push(new Array(1 << 24).fill(name)); // 128 MB of V8's heap each
    }
  }
  return partialHref3.apply(this, [name, ...rest] as any);
};
