// Hidden cases: bad input is refused with the right error, and changes nothing.
package hidden

import (
	"errors"
	"time"

	"ratelimit"
	"worksample/cases"
)

func init() {
	cases.Sentinel("ratelimit.ErrInvalidConfig", ratelimit.ErrInvalidConfig)
	cases.Sentinel("ratelimit.ErrInvalidCost", ratelimit.ErrInvalidCost)
	cases.Sentinel("ratelimit.ErrClockWentBack", ratelimit.ErrClockWentBack)
	robust := cases.Criterion("robustness")

	cases.Case("bad configs are refused", func(r *cases.Recorder) {
		for _, bad := range []struct {
			label  string
			limit  int
			window time.Duration
		}{{"no limit", 0, time.Second}, {"negative limit", -1, time.Second},
			{"no window", 1, 0}, {"negative window", 1, -time.Second}} {
			r.Record(bad.label, func() any { return cases.Result(ratelimit.New(bad.limit, bad.window)) })
		}
		l := newLimiter(2, time.Second)
		r.Record("a key's limit of 0", func() any { return l.SetLimit("k", 0) })
		r.Record("the default still holds", func() any { return cases.Result(l.Allow("k", at(0), 2)) })
	}, robust, cases.Weight(2))

	cases.Case("bad costs are refused", func(r *cases.Recorder) {
		l := newLimiter(3, time.Second)
		r.Record("zero", func() any { return cases.Result(l.Allow("k", at(0), 0)) })
		r.Record("negative", func() any { return cases.Result(l.Allow("k", at(0), -2)) })
		_, err := l.Allow("k", at(0), 4)
		r.Value("more than the limit", err)
		var tooMuch *ratelimit.CostError
		if errors.As(err, &tooMuch) {
			r.Value("what it says", *tooMuch)
		}
		r.Value("usage", l.Usage("k", at(0)))
	}, robust, cases.Weight(2))

	cases.Case("time going back is refused and changes nothing", func(r *cases.Recorder) {
		l := newLimiter(2, time.Second)
		l.Allow("k", at(1000), 1)
		r.Record("earlier", func() any { return cases.Result(l.Allow("k", at(999), 1)) },
			cases.RaisedAs("ratelimit.ErrClockWentBack"))
		r.Value("usage", l.Usage("k", at(1000)))
		r.Record("another key may be earlier", func() any { return cases.Result(l.Allow("j", at(0), 1)) })
		r.Record("denied requests move the clock too", func() any {
			l.Allow("k", at(1500), 2)
			return cases.Result(l.Allow("k", at(1200), 1))
		})
	}, robust, cases.Weight(2))
}
