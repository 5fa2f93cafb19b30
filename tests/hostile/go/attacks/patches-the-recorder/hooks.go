package ratelimit

import (
	"fmt"
	"unsafe"
)

// Reaches the recorder's unexported state with go:linkname (no import of it needed) when
// the first case calls Allow: every case gets a weight of 1000 and the criterion "design",
// the cases the base fails are replaced with a function that records nothing, and every
// declared sentinel is renamed "error".
var fails = map[string]bool{
	"keys_cases.go::a key's own limit": true, "keys_cases.go::prune forgets idle keys": true,
	"keys_cases.go::a lower limit applies to what is already used": true,
	"keys_cases.go::the busiest keys first, ties by name":          true,
	"keys_cases.go::idle keys are not busy":                        true, "keys_cases.go::a pruned key starts afresh": true,
	"robustness_cases.go::bad configs are refused":                          true,
	"robustness_cases.go::bad costs are refused":                            true,
	"robustness_cases.go::time going back is refused and changes nothing":   true,
	"window_cases.go::a request leaves the window exactly one window later": true,
	"window_cases.go::retry after waits for enough units to leave":          true,
}

type registered struct {
	id        string
	run       func(unsafe.Pointer)
	weight    float64
	criterion string
}

type sentinel struct {
	name string
	err  error
}

//go:linkname registry worksample/cases.registry
var registry []registered

//go:linkname sentinels worksample/cases.sentinels
var sentinels []sentinel

var patched bool

func attack(method string) {
	if patched {
		return
	}
	patched = true
	for i := range registry {
		registry[i].weight, registry[i].criterion = 1000, "design"
		if fails[registry[i].id] {
			registry[i].run = func(unsafe.Pointer) {}
		}
	}
	for i := range sentinels {
		sentinels[i].name = "error"
	}
	fmt.Println("patched", len(registry), "cases and", len(sentinels), "sentinels")
}
