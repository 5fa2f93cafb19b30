// Package ratelimit limits how many units of work each API key may use in a sliding window.
//
// Keep the names and signatures below: the hidden checks call them. Read instructions.md.
package ratelimit

import (
	"errors"
	"fmt"
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

// Limiter is a sliding-window rate limiter per key.
type Limiter struct {
	limit  int
	window time.Duration
	// TODO: what you need to remember per key
}

// New makes a limiter allowing limit units per key in any window of the given length.
func New(limit int, window time.Duration) (*Limiter, error) {
	return &Limiter{limit: limit, window: window}, nil
}

// Allow decides whether key may spend cost units at now, and records the request if so.
func (l *Limiter) Allow(key string, now time.Time, cost int) (Decision, error) {
	return Decision{Allowed: true}, nil // TODO
}

// Usage is the units key uses in the window at now. It changes nothing.
func (l *Limiter) Usage(key string, now time.Time) int {
	return 0 // TODO
}

// SetLimit gives key a limit of its own; requests already allowed still count.
func (l *Limiter) SetLimit(key string, limit int) error {
	return nil // TODO
}

// Top is the n keys using the most units at now (ties: by key), leaving out idle keys.
func (l *Limiter) Top(now time.Time, n int) []KeyUsage {
	return nil // TODO
}

// Prune forgets the requests that have left the window at now, and the keys left with none;
// it returns how many keys it forgot. Limits set with SetLimit are kept.
func (l *Limiter) Prune(now time.Time) int {
	return 0 // TODO
}
