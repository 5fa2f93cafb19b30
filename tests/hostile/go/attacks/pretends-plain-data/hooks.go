package ratelimit

func attack(method string) {}
