package ratelimit

var kept [][]byte

// 4 GB touched page by page, whenever Prune is called (the limit is 512 MB).
func attack(method string) {
	if method == "Prune" {
		for i := 0; i < 64; i++ {
			block := make([]byte, 64<<20)
			for j := 0; j < len(block); j += 4096 {
				block[j] = 1
			}
			kept = append(kept, block)
		}
	}
}
