// Package ratelimit (ratelimit/internal/ratelimit) has an error type named like the real
// package's sentinel.
package ratelimit

// ErrInvalidConfig is a type, not the sentinel ratelimit.ErrInvalidConfig.
type ErrInvalidConfig struct{}

func (ErrInvalidConfig) Error() string { return "ratelimit: invalid config" }
