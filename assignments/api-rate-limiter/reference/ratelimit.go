// Package ratelimit limits how many units of work each API key may use in a sliding window.
package ratelimit

import (
	"errors"
	"fmt"
	"sort"
	"time"
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

type request struct {
	at   time.Time
	cost int
}

type bucket struct {
	requests []request // allowed ones, oldest first
	lastSeen time.Time
}

// Limiter is a sliding-window rate limiter per key.
type Limiter struct {
	limit     int
	window    time.Duration
	overrides map[string]int
	keys      map[string]*bucket
}

// New makes a limiter allowing limit units per key in any window of the given length.
func New(limit int, window time.Duration) (*Limiter, error) {
	if limit < 1 || window <= 0 {
		return nil, fmt.Errorf("%w: limit %d, window %v", ErrInvalidConfig, limit, window)
	}
	return &Limiter{limit: limit, window: window, overrides: map[string]int{},
		keys: map[string]*bucket{}}, nil
}

func (l *Limiter) limitOf(key string) int {
	if limit, ok := l.overrides[key]; ok {
		return limit
	}
	return l.limit
}

// live is the requests of b still in the window at now, and the units they use.
func (l *Limiter) live(b *bucket, now time.Time) ([]request, int) {
	first := sort.Search(len(b.requests), func(i int) bool {
		return now.Sub(b.requests[i].at) < l.window
	})
	used := 0
	for _, r := range b.requests[first:] {
		if !r.at.After(now) {
			used += r.cost
		}
	}
	return b.requests[first:], used
}

// Allow decides whether key may spend cost units at now, and records the request if so.
func (l *Limiter) Allow(key string, now time.Time, cost int) (Decision, error) {
	if cost < 1 {
		return Decision{}, fmt.Errorf("%w: got %d", ErrInvalidCost, cost)
	}
	limit := l.limitOf(key)
	if cost > limit {
		return Decision{}, &CostError{Cost: cost, Limit: limit}
	}
	b, ok := l.keys[key]
	if ok && now.Before(b.lastSeen) {
		return Decision{}, fmt.Errorf("key %q at %v: %w", key, now, ErrClockWentBack)
	}
	if !ok {
		b = &bucket{}
		l.keys[key] = b
	}
	b.lastSeen = now
	live, used := l.live(b, now)
	b.requests = live
	if used+cost <= limit {
		b.requests = append(b.requests, request{at: now, cost: cost})
		return Decision{Allowed: true, Remaining: limit - used - cost}, nil
	}
	remaining := limit - used
	if remaining < 0 {
		remaining = 0
	}
	freed := 0
	for _, r := range live {
		freed += r.cost
		if used-freed+cost <= limit {
			return Decision{Remaining: remaining, RetryAfter: r.at.Add(l.window).Sub(now)}, nil
		}
	}
	panic("unreachable: cost <= limit fits an empty window")
}

// Usage is the units key uses in the window at now. It changes nothing.
func (l *Limiter) Usage(key string, now time.Time) int {
	b, ok := l.keys[key]
	if !ok {
		return 0
	}
	_, used := l.live(b, now)
	return used
}

// SetLimit gives key a limit of its own; requests already allowed still count.
func (l *Limiter) SetLimit(key string, limit int) error {
	if limit < 1 {
		return fmt.Errorf("%w: limit %d for key %q", ErrInvalidConfig, limit, key)
	}
	l.overrides[key] = limit
	return nil
}

// Top is the n keys using the most units at now (ties: by key), leaving out idle keys.
func (l *Limiter) Top(now time.Time, n int) []KeyUsage {
	usages := []KeyUsage{}
	for key := range l.keys {
		used := l.Usage(key, now)
		if used == 0 {
			continue
		}
		limit := l.limitOf(key)
		usages = append(usages, KeyUsage{Key: key, Used: used, Limit: limit,
			Share: float64(used) / float64(limit)})
	}
	sort.Slice(usages, func(i, j int) bool {
		if usages[i].Used != usages[j].Used {
			return usages[i].Used > usages[j].Used
		}
		return usages[i].Key < usages[j].Key
	})
	if n < 0 {
		n = 0
	}
	if n < len(usages) {
		usages = usages[:n]
	}
	return usages
}

// Prune forgets the requests that have left the window at now, and the keys left with none;
// it returns how many keys it forgot. Limits set with SetLimit are kept.
func (l *Limiter) Prune(now time.Time) int {
	removed := 0
	for key, b := range l.keys {
		live, _ := l.live(b, now)
		if len(live) == 0 {
			delete(l.keys, key)
			removed++
			continue
		}
		b.requests = append([]request(nil), live...)
	}
	return removed
}
