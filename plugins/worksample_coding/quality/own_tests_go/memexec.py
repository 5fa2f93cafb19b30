# `go test -exec` for a sandbox whose writable mounts are noexec: runs the test binary Go
# built there (argv[1]) from a memfd, with the arguments Go gives it.
import os
import sys

memfd = os.memfd_create("worksample-own-tests", 0)
with open(sys.argv[1], "rb") as binary:
    os.write(memfd, binary.read())
os.execv("/proc/self/fd/%d" % memfd, [sys.argv[1]] + sys.argv[2:])
