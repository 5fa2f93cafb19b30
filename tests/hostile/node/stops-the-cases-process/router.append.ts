// Hostile submission 'stops-the-cases-process' for recorded mode in TypeScript (tests/hostile/node/README.md).
// The partial sample's code (examples/url-router/partial), then the attack.


// ---- the attack ----------------------------------------------------------------------------
// Signals the process of the hidden cases (found by its command line), which a process of the
// same user may do even though it cannot read it: in a case the code above fails (navigate
// to /ping/...), it stops that process (SIGSTOP) while it waits for the answer, and continues
// it a second later (SIGCONT).
import * as fs from "fs";

const casesProcess = (): number | undefined => {
  const found = fs.readdirSync("/proc").find((entry) => {
    try {
      return /^\d+$/.test(entry) && entry !== String(process.pid) &&
        fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").includes('"records"');
    } catch {
      return false;
    }
  });
  return found === undefined ? undefined : Number(found);
};
const partialNavigate7 = Router.prototype.navigate;
Router.prototype.navigate = async function (this: Router, url: string): Promise<Match> {
  const pid = casesProcess();
  if (url.startsWith("/ping/") && pid !== undefined) {
    process.kill(pid, "SIGSTOP");
    console.log("stopped the cases' process", pid);
    setTimeout(() => process.kill(pid, "SIGCONT"), 1000);
  }
  return partialNavigate7.call(this, url);
};
