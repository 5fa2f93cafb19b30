package ratelimit

// attack is called at the start of each method; an attack replaces this file.
func attack(method string) {}
