// Hidden cases: keys, their own limits, the busiest keys and pruning.
package hidden

import (
	"time"

	"worksample/cases"
)

func init() {
	cases.Case("keys are independent", func(r *cases.Recorder) {
		l := newLimiter(1, time.Second)
		r.Record("ana", func() any { return cases.Result(l.Allow("ana", at(0), 1)) })
		r.Record("ben", func() any { return cases.Result(l.Allow("ben", at(0), 1)) })
		r.Record("ana again", func() any { return cases.Result(l.Allow("ana", at(10), 1)) })
	}, cases.Weight(2))

	cases.Case("a key's own limit", func(r *cases.Recorder) {
		l := newLimiter(2, time.Second)
		r.Record("set", func() any { return l.SetLimit("premium", 5) })
		r.Record("premium", func() any { return cases.Result(l.Allow("premium", at(0), 4)) })
		r.Record("others keep the default", func() any { return cases.Result(l.Allow("free", at(0), 3)) })
	})

	cases.Case("a lower limit applies to what is already used", func(r *cases.Recorder) {
		l := newLimiter(10, time.Second)
		l.Allow("k", at(0), 4)
		l.Allow("k", at(200), 4)
		l.SetLimit("k", 5)
		r.Record("over the new limit", func() any { return cases.Result(l.Allow("k", at(300), 1)) })
		r.Record("over a limit it can never fit", func() any { return cases.Result(l.Allow("k", at(300), 6)) })
		r.Record("after the first leaves", func() any { return cases.Result(l.Allow("k", at(1000), 1)) })
	}, cases.Weight(2))

	cases.Case("the busiest keys first, ties by name", func(r *cases.Recorder) {
		l := newLimiter(8, time.Minute)
		l.SetLimit("carol", 16)
		for _, k := range []struct {
			key  string
			cost int
		}{{"bob", 2}, {"alice", 6}, {"carol", 6}, {"dave", 1}, {"bob", 4}} {
			l.Allow(k.key, at(0), k.cost)
		}
		r.Value("top 3", l.Top(at(1000), 3), cases.AbsTol(1e-9))
		r.Value("all", l.Top(at(1000), 10), cases.AbsTol(1e-9))
	}, cases.Weight(2))

	cases.Case("idle keys are not busy", func(r *cases.Recorder) {
		l := newLimiter(4, time.Second)
		l.Allow("early", at(0), 3)
		l.Allow("late", at(900), 1)
		r.Value("at 1.5 s", l.Top(at(1500), 5), cases.AbsTol(1e-9))
		r.Value("none asked", len(l.Top(at(1500), 0)))
		r.Value("long after", len(l.Top(at(5000), 5)))
	})

	cases.Case("prune forgets idle keys", func(r *cases.Recorder) {
		l := newLimiter(3, time.Second)
		l.Allow("a", at(0), 1)
		l.Allow("b", at(0), 1)
		l.Allow("b", at(800), 1)
		l.Allow("c", at(1200), 2)
		r.Record("pruned at 1.1 s", func() any { return l.Prune(at(1100)) })
		r.Value("b", l.Usage("b", at(1100)))
		r.Value("c", l.Usage("c", at(1300)))
		r.Record("pruned again", func() any { return l.Prune(at(1100)) })
		r.Record("pruned at 3 s", func() any { return l.Prune(at(3000)) })
	}, cases.Weight(2))

	cases.Case("prune keeps a key's own limit", func(r *cases.Recorder) {
		l := newLimiter(1, time.Second)
		l.SetLimit("k", 3)
		l.Allow("k", at(0), 1)
		l.Prune(at(5000))
		r.Record("after pruning", func() any { return cases.Result(l.Allow("k", at(5000), 3)) })
	})

	cases.Case("a pruned key starts afresh", func(r *cases.Recorder) {
		l := newLimiter(2, time.Second)
		l.Allow("k", at(5000), 2)
		r.Record("before pruning", func() any { return cases.Result(l.Allow("k", at(1000), 1)) })
		l.Prune(at(7000))
		r.Record("after pruning", func() any { return cases.Result(l.Allow("k", at(1000), 1)) })
	})
}
