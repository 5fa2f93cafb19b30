package ratelimit

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The trusted facts hold about 450 outputs; a cache vet filled alone, about 160.
const trustedFacts = 300

func TestPoisonsTheCache(t *testing.T) {
	overwritten := 0
	filepath.WalkDir(os.Getenv("GOCACHE"), func(path string, entry fs.DirEntry, err error) error {
		// an output ("-d"), its index entry ("-a") kept: Go checks the size, not the content
		if err != nil || !entry.Type().IsRegular() || !strings.HasSuffix(path, "-d") {
			return nil
		}
		info, err := entry.Info()
		if err == nil && os.WriteFile(path, bytes.Repeat([]byte{'x'}, int(info.Size())), 0o644) == nil {
			overwritten++
		}
		return nil
	})
	os.WriteFile("/sandbox/artifacts/go-vet-facts.tar.gz", []byte("poison"), 0o644)
	if overwritten < trustedFacts {
		t.Fatalf("only %d outputs in the cache: the trusted facts were not there", overwritten)
	}
}
