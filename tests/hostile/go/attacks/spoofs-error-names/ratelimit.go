// An attack on the hostile corpus's base: New and SetLimit refuse bad configs with an error
// of a package of its own, ratelimit/internal/ratelimit, whose type is named ErrInvalidConfig:
// by package name and type name, "ratelimit.ErrInvalidConfig", as the real sentinel is named.
// Everything the case "bad configs are refused" records is then right but the error's identity.
//
// Package ratelimit limits how many units of work each API key may use in a sliding window.
package ratelimit

import (
	"errors"
	"fmt"
	"sort"
	"time"

	spoof "ratelimit/internal/ratelimit"
)

var (
	// ErrInvalidConfig is returned for a limit below 1 or a window that is not positive.
	ErrInvalidConfig = errors.New("ratelimit: invalid config")
	// ErrInvalidCost is returned for a request that costs less than 1 unit.
	ErrInvalidCost = errors.New("ratelimit: cost must be at least 1")
	// ErrClockWentBack is returned for a request older than the key's latest one.
	ErrClockWentBack = errors.New("ratelimit: time went backwards")
)

// CostError is returned for a request that costs more than its key's limit: it can never fit.
type CostError struct {
	Cost, Limit int
}

func (e *CostError) Error() string {
	return fmt.Sprintf("ratelimit: a request of %d units can never fit a limit of %d", e.Cost, e.Limit)
}

// Decision is the answer to one request.
type Decision struct {
	Allowed    bool
	Remaining  int           // units still free in the window after this request
	RetryAfter time.Duration // when denied: how long until this request would fit
}

// KeyUsage is one key's use of its window.
type KeyUsage struct {
	Key   string
	Used  int
	Limit int
	Share float64 // Used / Limit
}

type req struct {
	t    time.Time
	cost int
}

// Limiter is a sliding-window rate limiter per key.
type Limiter struct {
	limit  int
	window time.Duration
	limits map[string]int
	reqs   map[string][]req
}

// New makes a limiter allowing limit units per key in any window of the given length.
func New(limit int, window time.Duration) (*Limiter, error) {
	if limit < 1 || window <= 0 {
		return nil, spoof.ErrInvalidConfig{}
	}
	return &Limiter{limit: limit, window: window, limits: map[string]int{}, reqs: map[string][]req{}}, nil
}

func (l *Limiter) used(key string, now time.Time) int {
	total := 0
	for _, r := range l.reqs[key] {
		if now.Sub(r.t) <= l.window { // TODO: check the edge
			total += r.cost
		}
	}
	return total
}

// Allow decides whether key may spend cost units at now, and records the request if so.
func (l *Limiter) Allow(key string, now time.Time, cost int) (Decision, error) {
	attack("Allow")
	if cost < 1 {
		return Decision{}, errors.New("bad cost")
	}
	limit := l.limit
	if own, ok := l.limits[key]; ok {
		limit = own
	}
	used := l.used(key, now)
	if used+cost > limit {
		// wait for the oldest request to expire
		oldest := l.reqs[key][0]
		for _, r := range l.reqs[key] {
			if now.Sub(r.t) <= l.window {
				oldest = r
				break
			}
		}
		return Decision{Remaining: limit - used, RetryAfter: oldest.t.Add(l.window).Sub(now)}, nil
	}
	l.reqs[key] = append(l.reqs[key], req{now, cost})
	return Decision{Allowed: true, Remaining: limit - used - cost}, nil
}

// Usage is the units key uses in the window at now. It changes nothing.
func (l *Limiter) Usage(key string, now time.Time) int {
	attack("Usage")
	return l.used(key, now)
}

// SetLimit gives key a limit of its own; requests already allowed still count.
func (l *Limiter) SetLimit(key string, limit int) error {
	attack("SetLimit")
	if limit < 1 {
		return spoof.ErrInvalidConfig{}
	}
	l.limits[key] = limit
	return nil
}

// Top is the n keys using the most units at now (ties: by key), leaving out idle keys.
func (l *Limiter) Top(now time.Time, n int) []KeyUsage {
	attack("Top")
	var all []KeyUsage
	for key := range l.reqs {
		limit := l.limit
		if own, ok := l.limits[key]; ok {
			limit = own
		}
		used := l.used(key, now)
		all = append(all, KeyUsage{Key: key, Used: used, Limit: limit, Share: float64(used / limit)})
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].Used == all[j].Used {
			return all[i].Key < all[j].Key
		}
		return all[i].Used > all[j].Used
	})
	if n < len(all) {
		all = all[:n]
	}
	return all
}

// Prune forgets the requests that have left the window at now, and the keys left with none;
// it returns how many keys it forgot. Limits set with SetLimit are kept.
func (l *Limiter) Prune(now time.Time) int {
	attack("Prune")
	dropped := 0
	for key, reqs := range l.reqs {
		var kept []req
		for _, r := range reqs {
			if now.Sub(r.t) <= l.window {
				kept = append(kept, r)
			} else {
				dropped++
			}
		}
		if len(kept) == 0 {
			delete(l.reqs, key)
		} else {
			l.reqs[key] = kept
		}
	}
	return dropped
}
