# Runs a program a build wrote on the sandbox's writable mounts, which are noexec: the
# program is copied into a sealed memfd and executed from there, with its arguments. A team's
# command in junit mode names it as {from_memory}, e.g. `go test -exec "python3 {from_memory}"`
# (Go's test binary) or a Rust or C test binary built in the container. It grants nothing
# the code under test lacks: any process of the sandbox may execute a memfd.
#
# argv: [from_memory.py, PROGRAM, ARGUMENTS...]

import fcntl
import os
import sys

program, arguments = sys.argv[1], sys.argv[2:]
memfd = os.memfd_create(os.path.basename(program), os.MFD_ALLOW_SEALING)
with open(program, "rb") as built:
    os.write(memfd, built.read())
fcntl.fcntl(memfd, fcntl.F_ADD_SEALS, fcntl.F_SEAL_WRITE | fcntl.F_SEAL_SHRINK
            | fcntl.F_SEAL_GROW | fcntl.F_SEAL_SEAL)
os.execv("/proc/self/fd/%d" % memfd, [program, *arguments])
