// Package cases is worksample's recorder for Go: hidden cases call the candidate's code and
// record what it returns. A case holds no expected values: worksample runs the same cases
// against the reference solution and compares the two recordings on the host.
//
//	package hidden
//
//	import (
//		"ratelimit"
//		"worksample/cases"
//	)
//
//	func init() {
//		cases.Sentinel("ratelimit.ErrInvalidCost", ratelimit.ErrInvalidCost)
//		cases.Case("a burst within the limit", func(r *cases.Recorder) {
//			limiter, _ := ratelimit.New(3, time.Second)
//			r.Record("first", func() any { return cases.Result(limiter.Allow("k", t0, 1)) })
//			r.Value("usage", limiter.Usage("k", t0))
//		}, cases.Weight(2))
//	}
//
// Record(label, call, tolerances...) calls call() and records what it returned, or the panic
// it raised; Value(label, value, tolerances...) records a value you already have. Result(v,
// err) turns Go's (value, error) pair into one value: the error when there is one, else v.
// Tolerances, all optional: AbsTol and RelTol for floats, Unordered() for a slice whose order
// does not matter, RaisedAs(name) to accept any error or panic that has that name in its chain.
//
// Values are read with reflect, never through their methods (String, MarshalJSON and Error are
// not called): see typed.go for what each Go value records as. A case's id is the file that
// calls Case and the case's name: "limiter_cases.go::a burst within the limit".
package cases

import (
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
)

// CaseItself labels what stopped a case outside a record (a panic, a timeout).
const CaseItself = "(the case)"

type registered struct {
	id        string
	run       func(*Recorder)
	weight    float64
	criterion string
}

var (
	registry []registered
	ids      = map[string]bool{}
)

// A CaseOption sets a case's weight or the rubric criterion it scores.
type CaseOption func(*registered)

// Weight is how much the case counts (default 1); it must be positive.
func Weight(weight float64) CaseOption {
	if !(weight > 0) || weight > 1e12 {
		panic(fmt.Sprintf("cases.Weight(%v): a case's weight must be a positive number", weight))
	}
	return func(c *registered) { c.weight = weight }
}

// Criterion is the rubric criterion the case scores (default: the assignment's
// tests_criterion); it must be an automatic criterion of the rubric.
func Criterion(id string) CaseOption {
	if id == "" {
		panic("cases.Criterion(\"\"): name a rubric criterion")
	}
	return func(c *registered) { c.criterion = id }
}

// Case registers a hidden case, in the order of the calls (call it from init functions). Its
// weight and criterion are read from the reference solution's run only.
func Case(name string, run func(r *Recorder), options ...CaseOption) {
	if strings.TrimSpace(name) == "" || strings.ContainsAny(name, "\n\r") || len(name) > 200 {
		panic(fmt.Sprintf("cases.Case(%q): a case's name is one line of at most 200 bytes", name))
	}
	if run == nil {
		panic(fmt.Sprintf("cases.Case(%q): give a function func(r *cases.Recorder)", name))
	}
	file := "cases.go"
	if _, path, _, ok := runtime.Caller(1); ok {
		file = filepath.Base(path)
	}
	c := registered{id: file + "::" + name, run: run, weight: 1}
	for _, option := range options {
		option(&c)
	}
	if ids[c.id] {
		panic(fmt.Sprintf("cases.Case: two cases are named %q in %s", name, file))
	}
	ids[c.id] = true
	registry = append(registry, c)
}

// A Tolerance says how a recorded value may differ from the reference's and still match.
type Tolerance struct {
	key   string
	value any
}

// AbsTol accepts floats within x of the reference's (and an int close to a float).
func AbsTol(x float64) Tolerance { return Tolerance{"abs_tol", x} }

// RelTol accepts floats within a fraction x of the reference's.
func RelTol(x float64) Tolerance { return Tolerance{"rel_tol", x} }

// Unordered compares the recorded slice as a multiset: its order does not matter (the items
// inside it keep theirs).
func Unordered() Tolerance { return Tolerance{"unordered", true} }

// RaisedAs accepts any error or panic that has name in its chain (see Result), for example
// RaisedAs("error") for any error, RaisedAs("panic") for any panic.
func RaisedAs(name string) Tolerance { return Tolerance{"raised_as", name} }

// Result is Go's (value, error) pair as one recorded value: the error when err is not nil
// (recorded as raised), else value. Use it as cases.Result(f(x)).
func Result(value any, err error) any {
	if err != nil {
		return err
	}
	return value
}

type sentinel struct {
	name string
	err  error
}

var sentinels []sentinel

// Sentinel names an error value of the package under test (var ErrX = errors.New(...)), so
// that an error that is it, or wraps it, records under that name. Call it from init, before
// the cases run. Errors made by errors.New that are not declared all record as "error".
func Sentinel(name string, err error) {
	if name == "" || err == nil {
		panic("cases.Sentinel(name, err): give a name and a non-nil error")
	}
	sentinels = append(sentinels, sentinel{name, err})
}

// A Recorder is what a case records with. Its methods may be called from the case's
// goroutine only.
type Recorder struct {
	mu           sync.Mutex
	observations []map[string]any
	items        int
}

// Record calls call() and records what it returned, or the panic it raised.
func (r *Recorder) Record(label string, call func() any, tolerances ...Tolerance) {
	if call == nil {
		panic("Record(label, call): give a function, e.g. func() any { return f(x) }")
	}
	r.add(label, r.call(call), tolerances)
}

// Value records value as it is.
func (r *Recorder) Value(label string, value any, tolerances ...Tolerance) {
	r.add(label, r.typedSafely(value), tolerances)
}

func (r *Recorder) call(call func() any) (typed any) {
	returned := false
	defer func() {
		if !returned {
			typed = r.panicked(recover())
		}
	}()
	value := call()
	returned = true
	return r.typedSafely(value)
}

// typedSafely types value; reading it may run the candidate's Unwrap methods, which may panic.
func (r *Recorder) typedSafely(value any) (typed any) {
	done := false
	defer func() {
		if !done {
			recover()
			typed = unrecorded("reading the value panicked")
		}
	}()
	typed = r.typed(value)
	done = true
	return typed
}

func (r *Recorder) add(label string, typed any, tolerances []Tolerance) {
	observation := map[string]any{"label": label, "value": typed}
	if len(tolerances) > 0 {
		options := map[string]any{}
		for _, tolerance := range tolerances {
			options[tolerance.key] = tolerance.value
		}
		observation["options"] = options
	}
	r.mu.Lock()
	r.observations = append(r.observations, observation)
	r.mu.Unlock()
}

// taken is what the case recorded so far, for its record (also when it timed out).
func (r *Recorder) taken() []map[string]any {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]map[string]any{}, r.observations...)
}
