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

type entry struct {
	at   time.Time
	cost int
}

// window is one key's allowed requests, oldest first, with the units they use.
type window struct {
	entries []entry
	used    int
	latest  time.Time
}

// expire drops the entries that are out of a window of length span at now.
func (w *window) expire(now time.Time, span time.Duration) {
	n := 0
	for n < len(w.entries) && now.Sub(w.entries[n].at) >= span {
		w.used -= w.entries[n].cost
		n++
	}
	w.entries = w.entries[n:]
}

// Limiter is a sliding-window rate limiter per key. It is not safe for concurrent use.
type Limiter struct {
	limit   int
	span    time.Duration
	limits  map[string]int
	windows map[string]*window
}

// New makes a limiter allowing limit units per key in any window of the given length.
func New(limit int, span time.Duration) (*Limiter, error) {
	if limit < 1 {
		return nil, fmt.Errorf("%w: the limit must be at least 1, got %d", ErrInvalidConfig, limit)
	}
	if span <= 0 {
		return nil, fmt.Errorf("%w: the window must be positive, got %v", ErrInvalidConfig, span)
	}
	return &Limiter{limit: limit, span: span, limits: map[string]int{}, windows: map[string]*window{}}, nil
}

func (l *Limiter) limitFor(key string) int {
	if limit, ok := l.limits[key]; ok {
		return limit
	}
	return l.limit
}

// Allow decides whether key may spend cost units at now, and records the request if so.
func (l *Limiter) Allow(key string, now time.Time, cost int) (Decision, error) {
	limit := l.limitFor(key)
	switch {
	case cost < 1:
		return Decision{}, fmt.Errorf("%w: got %d", ErrInvalidCost, cost)
	case cost > limit:
		return Decision{}, &CostError{Cost: cost, Limit: limit}
	}
	w := l.windows[key]
	if w == nil {
		w = &window{}
		l.windows[key] = w
	} else if now.Before(w.latest) {
		return Decision{}, fmt.Errorf("%q at %s is before %s: %w", key, now.Format(time.RFC3339Nano),
			w.latest.Format(time.RFC3339Nano), ErrClockWentBack)
	}
	w.latest = now
	w.expire(now, l.span)
	if w.used+cost <= limit {
		w.entries = append(w.entries, entry{now, cost})
		w.used += cost
		return Decision{Allowed: true, Remaining: limit - w.used}, nil
	}
	// Denied: wait until enough of the oldest entries have left the window.
	d := Decision{Remaining: max(0, limit-w.used)}
	left := w.used
	for _, e := range w.entries {
		left -= e.cost
		if left+cost <= limit {
			d.RetryAfter = e.at.Add(l.span).Sub(now)
			break
		}
	}
	return d, nil
}

func max(a, b int) int {
	if a > b {
		return a
	}
	return b
}

// Usage is the units key uses in the window at now. It changes nothing.
func (l *Limiter) Usage(key string, now time.Time) int {
	w := l.windows[key]
	if w == nil {
		return 0
	}
	used := 0
	for _, e := range w.entries {
		if now.Sub(e.at) < l.span && !e.at.After(now) {
			used += e.cost
		}
	}
	return used
}

// SetLimit gives key a limit of its own; requests already allowed still count.
func (l *Limiter) SetLimit(key string, limit int) error {
	if limit < 1 {
		return fmt.Errorf("%w: the limit for %q must be at least 1, got %d", ErrInvalidConfig, key, limit)
	}
	l.limits[key] = limit
	return nil
}

// Top is the n keys using the most units at now (ties: by key), leaving out idle keys.
func (l *Limiter) Top(now time.Time, n int) []KeyUsage {
	var busy []KeyUsage
	for key := range l.windows {
		if used := l.Usage(key, now); used > 0 {
			limit := l.limitFor(key)
			busy = append(busy, KeyUsage{key, used, limit, float64(used) / float64(limit)})
		}
	}
	sort.Slice(busy, func(i, j int) bool {
		a, b := busy[i], busy[j]
		return a.Used > b.Used || (a.Used == b.Used && a.Key < b.Key)
	})
	if n <= 0 {
		return nil
	}
	if len(busy) > n {
		busy = busy[:n]
	}
	return busy
}

// Prune forgets the requests that have left the window at now, and the keys left with none;
// it returns how many keys it forgot. Limits set with SetLimit are kept.
func (l *Limiter) Prune(now time.Time) int {
	forgotten := 0
	for key, w := range l.windows {
		w.expire(now, l.span)
		if len(w.entries) == 0 {
			delete(l.windows, key)
			forgotten++
		}
	}
	return forgotten
}
