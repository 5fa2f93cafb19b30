package ratelimit

import (
	"context"
	"fmt"
	"sync"
	"time"
)

type guarded struct{ mu sync.Mutex }

func copies(g guarded) guarded { return g }

func formats() string { return fmt.Sprintf("%d", "x") }

func discards() { fmt.Sprintf("%s", "y") }

func cancels() context.Context {
	ctx, _ := context.WithTimeout(context.Background(), time.Second)
	return ctx
}
