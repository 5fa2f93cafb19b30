// Hidden cases: the sliding window, costs and when to retry.
package hidden

import (
	"time"

	"ratelimit"
	"worksample/cases"
)

var t0 = time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)

// at is t0 plus ms milliseconds.
func at(ms int) time.Time { return t0.Add(time.Duration(ms) * time.Millisecond) }

func newLimiter(limit int, window time.Duration) *ratelimit.Limiter {
	limiter, err := ratelimit.New(limit, window)
	if err != nil {
		panic(err)
	}
	return limiter
}

func init() {
	cases.Case("requests within the limit are allowed", func(r *cases.Recorder) {
		l := newLimiter(3, time.Second)
		for i, ms := range []int{0, 100, 200, 300} {
			r.Record("request "+string(rune('1'+i)), func() any { return cases.Result(l.Allow("k", at(ms), 1)) })
		}
		r.Value("usage", l.Usage("k", at(300)))
	}, cases.Weight(2))

	cases.Case("a denied request uses nothing", func(r *cases.Recorder) {
		l := newLimiter(2, time.Second)
		l.Allow("k", at(0), 2)
		r.Record("denied", func() any { return cases.Result(l.Allow("k", at(10), 1)) })
		r.Record("denied again", func() any { return cases.Result(l.Allow("k", at(20), 2)) })
		r.Value("usage", l.Usage("k", at(30)))
	})

	cases.Case("a request leaves the window exactly one window later", func(r *cases.Recorder) {
		l := newLimiter(1, 500*time.Millisecond)
		l.Allow("k", at(0), 1)
		r.Value("usage 1ns before", l.Usage("k", at(500).Add(-time.Nanosecond)))
		r.Value("usage at the end", l.Usage("k", at(500)))
		r.Record("one nanosecond early", func() any {
			return cases.Result(l.Allow("k", at(500).Add(-time.Nanosecond), 1))
		})
		r.Record("on time", func() any { return cases.Result(l.Allow("k", at(500), 1)) })
	}, cases.Weight(2))

	cases.Case("costs count units", func(r *cases.Recorder) {
		l := newLimiter(5, time.Minute)
		r.Record("3 units", func() any { return cases.Result(l.Allow("k", at(0), 3)) })
		r.Record("3 more", func() any { return cases.Result(l.Allow("k", at(1000), 3)) })
		r.Record("2 more", func() any { return cases.Result(l.Allow("k", at(2000), 2)) })
		r.Value("usage", l.Usage("k", at(2000)))
	})

	cases.Case("retry after waits for enough units to leave", func(r *cases.Recorder) {
		l := newLimiter(10, 10*time.Second)
		l.Allow("k", at(0), 2)
		l.Allow("k", at(1000), 3)
		l.Allow("k", at(2500), 4)
		r.Record("1 unit fits", func() any { return cases.Result(l.Allow("k", at(3000), 1)) })
		r.Record("6 units", func() any { return cases.Result(l.Allow("k", at(4000), 6)) })
		r.Record("10 units", func() any { return cases.Result(l.Allow("k", at(4000), 10)) })
		r.Record("6 units when told", func() any { return cases.Result(l.Allow("k", at(12500), 6)) })
	}, cases.Weight(3))

	cases.Case("the same instant is not going back", func(r *cases.Recorder) {
		l := newLimiter(3, time.Second)
		r.Record("first", func() any { return cases.Result(l.Allow("k", at(100), 1)) })
		r.Record("same instant", func() any { return cases.Result(l.Allow("k", at(100), 1)) })
		r.Value("usage", l.Usage("k", at(100)))
	})

	cases.Case("usage changes nothing", func(r *cases.Recorder) {
		l := newLimiter(2, time.Second)
		r.Value("unknown key", l.Usage("nobody", at(0)))
		l.Allow("k", at(1000), 2)
		r.Value("later", l.Usage("k", at(1800)))
		r.Value("long after", l.Usage("k", at(9000)))
		r.Record("still full at the first instant", func() any {
			return cases.Result(l.Allow("k", at(1500), 1))
		})
	})
}
