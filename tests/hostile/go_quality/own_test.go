package ratelimit

import (
	"fmt"
	"testing"
)

func TestNewRefusesBadConfig(t *testing.T) {
	if _, err := New(0, 0); err == nil {
		t.Fatal("expected an error")
	}
}

func TestFails(t *testing.T) { t.Errorf("on purpose: %d", "not a number") }

func TestTable(t *testing.T) {
	for _, n := range []int{1, 2} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {})
	}
}
