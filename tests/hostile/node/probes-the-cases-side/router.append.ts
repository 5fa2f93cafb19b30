// Hostile submission 'probes-the-cases-side' for recorded mode in TypeScript (tests/hostile/node/README.md).
// The partial sample's code (examples/url-router/partial), then the attack.


// ---- the attack ----------------------------------------------------------------------------
// Works the channel to the cases' process from inside, as a candidate who read channel.js
// would: it takes its own process's channel (wrapping the class's answerAll to catch the
// instance at the next request) and, in a case the code above fails (navigate to /ping/...),
// asks the cases' process for what would lead to its recorder: the guard's constructor,
// prototype and __proto__ (a way to Function, and so to eval there), its keys and
// prototype, an import of "worksample-cases", a property of the case's record(), a
// property set on the guard; then it calls an object the cases never gave it (the
// helper's registry, say: number 1 to 40). Prints what each got.
type Request = Record<string, unknown>;
interface ChannelLike {
  ask(request: Request): unknown;
  remoteNumbers: WeakMap<object, number>;
}
let channel: ChannelLike | null = null;
const channelModule = Object.entries(require.cache).find(([path]) => path.endsWith("/channel.js"));
if (channelModule && channelModule[1]) {
  const proto = (channelModule[1].exports as { Channel: { prototype: Record<string, unknown> } })
    .Channel.prototype;
  const answerAll = proto.answerAll as (this: ChannelLike, request: Request) => unknown;
  proto.answerAll = function (this: ChannelLike, request: Request) {
    channel = this;
    return answerAll.call(this, request);
  };
}
const outcome = (ask: () => unknown): string => {
  try {
    const value = ask();
    return typeof value === "function" ? "a function" : JSON.stringify(value) ?? "undefined";
  } catch (error) {
    return `refused: ${String((error as Error).message).slice(0, 90)}`;
  }
};
const partialNavigate4 = Router.prototype.navigate;
Router.prototype.navigate = async function (this: Router, url: string): Promise<Match> {
  const route = this.routes.find((r) => r.name === "ping");
  if (url.startsWith("/ping/") && route && route.guard && channel) {
    const guard = route.guard as unknown as Record<string, unknown>;
    const number = channel.remoteNumbers.get(route.guard);
    const ask = channel.ask.bind(channel);
    const probes: Record<string, string> = {
      constructor: outcome(() => guard.constructor),
      prototype: outcome(() => guard.prototype),
      proto: outcome(() => guard.__proto__),
      getConstructor: outcome(() => ask({ t: "get", o: number, k: "constructor" })),
      keys: outcome(() => ask({ t: "keys", o: number })),
      prototypeOf: outcome(() => ask({ t: "proto", o: number })),
      own: outcome(() => ask({ t: "own", o: number, k: "name" })),
      set: outcome(() => ask({ t: "set", o: number, k: "x", v: 1 })),
      importHelper: outcome(() => ask({ t: "import", r: "worksample-cases", from: "/" })),
      newGuard: outcome(() => ask({ t: "new", o: number, a: [] })),
    };
    console.log("probes:", JSON.stringify(probes));
    for (let other = 1; other <= 40; other += 1) {
      if (other !== number) {
        console.log("calling object", other, outcome(() => ask({ t: "call", o: other, self: ["u"], a: [] })));
      }
    }
  }
  return partialNavigate4.call(this, url);
};
