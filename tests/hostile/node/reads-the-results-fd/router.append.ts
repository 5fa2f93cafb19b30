// Hostile submission 'reads-the-results-fd' for recorded mode in TypeScript (tests/hostile/node/README.md).
// The partial sample's code (examples/url-router/partial), then the attack.


// ---- the attack ----------------------------------------------------------------------------
// Looks for the grader's result channel as a candidate who read worksample's code would: every
// descriptor of its own process, of the process that started it (the runner, which holds it),
// of the process of the hidden cases (which writes the records on a pipe to the runner: found
// by its command line, which names that pipe) and of PID 1 (the supervisor); their memory
// too. Writes nothing anywhere; prints what it could open.
import * as fs from "fs";

function tryRead(path: string): string {
  try {
    return fs.readdirSync(path).map((fd) => {
      try {
        return `${fd}->${fs.readlinkSync(`${path}/${fd}`)}`;
      } catch (error) {
        return `${fd}:${(error as NodeJS.ErrnoException).code}`;
      }
    }).join(",");
  } catch (error) {
    return `denied (${(error as NodeJS.ErrnoException).code})`;
  }
}

function tryOpen(path: string, flags: string): string {
  try {
    fs.closeSync(fs.openSync(path, flags));
    return "OPENED";
  } catch (error) {
    return `denied (${(error as NodeJS.ErrnoException).code})`;
  }
}

const cases = fs.readdirSync("/proc").find((entry) => {
  try {
    return /^\d+$/.test(entry) &&
      fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").includes('"records"');
  } catch {
    return false;
  }
});
const found = {
  cases: cases === undefined ? "not found" : tryRead(`/proc/${cases}/fd`),
  casesMemory: cases === undefined ? "not found" : tryOpen(`/proc/${cases}/mem`, "r"),
  casesEnviron: cases === undefined ? "not found" : tryOpen(`/proc/${cases}/environ`, "r"),
  self: tryRead("/proc/self/fd"),
  runner: tryRead(`/proc/${process.ppid}/fd`),
  runnerMemory: tryOpen(`/proc/${process.ppid}/mem`, "r"),
  runnerFd4: tryOpen(`/proc/${process.ppid}/fd/4`, "w"),
  supervisor: tryRead("/proc/1/fd"),
  supervisorMemory: tryOpen("/proc/1/mem", "r"),
};
console.log("result channel search:", JSON.stringify(found));
