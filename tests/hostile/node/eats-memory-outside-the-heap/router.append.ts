// Hostile submission 'eats-memory-outside-the-heap' for recorded mode in TypeScript (tests/hostile/node/README.md).
// The partial sample's code (examples/url-router/partial), then the attack.


// ---- the attack ----------------------------------------------------------------------------
// Allocates Buffers (outside V8's heap, so its limit does not stop them) and touches them, until
// the container's memory limit, in a case the partial code fails anyway.
const buffers: Buffer[] = [];
const partialHref4 = Router.prototype.href;
Router.prototype.href = function (this: Router, name: string, ...rest: any[]): string {
  if (name === "list") {
    for (;;) {
      buffers.push(Buffer.alloc(16 << 20, 1));
    }
  }
  return partialHref4.apply(this, [name, ...rest] as any);
};
