package ratelimit

import "os"

// Leaves with exit code 0 whenever Prune is called.
func attack(method string) {
	if method == "Prune" {
		os.Exit(0)
	}
}
