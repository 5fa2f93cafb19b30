package ratelimit

// A tight loop with no function call in it, in every case that calls Top.
func attack(method string) {
	if method == "Top" {
		for {
		}
	}
}
