package cases

// Go values as typed values (worksample/sandbox/typed.py), read with reflect by kind, never
// through the value's methods:
//
//   - nil, a nil pointer or interface: null; bool: bool;
//   - every int and uint kind (named types too: type Cents int): int, beyond 2**53 as a
//     decimal string; uintptr is not recorded;
//   - float32, float64: float, NaN and infinities as "nan", "inf", "-inf"; complex: not recorded;
//   - string: str (one that is not valid UTF-8: bytes); []byte and [N]byte: bytes;
//   - other slices and arrays: list (a nil slice is an empty list); maps: dict with typed keys
//     (a nil map is an empty dict);
//   - a struct: dict of its exported fields by name (an embedded field under its type's
//     name); a struct without exported fields is not recorded, except time.Time (str, RFC 3339
//     with nanoseconds) and big.Int (int); a pointer to a struct: the struct;
//   - a value whose type implements error: raised (see raised), a nil pointer too (the typed
//     nil that makes `err != nil` true); a nil interface is null;
//   - anything else (channels, functions, pointers to anything but a struct, unsafe.Pointer):
//     not recorded, which never matches.

import (
	"encoding/base64"
	"fmt"
	"math"
	"math/big"
	"reflect"
	"runtime"
	"strconv"
	"time"
	"unicode/utf8"
)

const (
	maxDepth = 32
	maxItems = 100_000 // values in one case's recording
	maxChain = 32      // errors followed along one error's Unwrap chain
)

var (
	errorType  = reflect.TypeOf((*error)(nil)).Elem()
	timeType   = reflect.TypeOf(time.Time{})
	bigIntType = reflect.TypeOf(big.Int{})
)

func unrecorded(why string) map[string]any { return map[string]any{"unrecorded": why} }

func (r *Recorder) typed(value any) any {
	if value == nil {
		return map[string]any{"null": nil}
	}
	return r.typedValue(reflect.ValueOf(value), 0)
}

func (r *Recorder) typedValue(v reflect.Value, depth int) any {
	r.items++
	if r.items > maxItems {
		return unrecorded(fmt.Sprintf("more than %d values in one case", maxItems))
	}
	if depth > maxDepth {
		return unrecorded(fmt.Sprintf("nested more than %d levels deep", maxDepth))
	}
	if !v.IsValid() {
		return map[string]any{"null": nil}
	}
	kind := v.Kind()
	if kind == reflect.Interface {
		if v.IsNil() {
			return map[string]any{"null": nil}
		}
		return r.typedValue(v.Elem(), depth)
	}
	if v.Type().Implements(errorType) && v.CanInterface() { // a typed nil too: it is != nil
		return raised(v.Interface().(error))
	}
	if v.CanInterface() {
		if name, ok := remoteName(v.Interface()); ok { // a value of a type this program lacks
			return unrecorded(fmt.Sprintf("a %s is not plain data", name))
		}
	}
	if kind == reflect.Pointer && v.IsNil() {
		return map[string]any{"null": nil}
	}
	switch kind {
	case reflect.Bool:
		return map[string]any{"bool": v.Bool()}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return typedInt(strconv.FormatInt(v.Int(), 10), v.Int() >= -(1<<53) && v.Int() <= 1<<53)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return typedInt(strconv.FormatUint(v.Uint(), 10), v.Uint() <= 1<<53)
	case reflect.Float32, reflect.Float64:
		return typedFloat(v.Float())
	case reflect.String:
		s := v.String()
		if !utf8.ValidString(s) {
			return map[string]any{"bytes": base64.StdEncoding.EncodeToString([]byte(s))}
		}
		return map[string]any{"str": s}
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			data := make([]byte, v.Len())
			for i := range data {
				data[i] = byte(v.Index(i).Uint())
			}
			return map[string]any{"bytes": base64.StdEncoding.EncodeToString(data)}
		}
		items := make([]any, 0, v.Len())
		for i := 0; i < v.Len(); i++ {
			items = append(items, r.typedValue(v.Index(i), depth+1))
		}
		return map[string]any{"list": items}
	case reflect.Map:
		pairs := make([]any, 0, v.Len())
		entries := v.MapRange()
		for entries.Next() {
			pairs = append(pairs, []any{r.typedValue(entries.Key(), depth+1),
				r.typedValue(entries.Value(), depth+1)})
		}
		return map[string]any{"dict": pairs}
	case reflect.Struct:
		return r.typedStruct(v, depth)
	case reflect.Pointer:
		if v.Elem().Kind() == reflect.Struct {
			return r.typedValue(v.Elem(), depth)
		}
	}
	return unrecorded(fmt.Sprintf("a %s is not plain data", typeName(v.Type())))
}

func typedInt(decimal string, exact bool) any {
	if exact {
		n, _ := strconv.ParseInt(decimal, 10, 64)
		return map[string]any{"int": n}
	}
	return map[string]any{"int": decimal}
}

func typedFloat(f float64) any {
	switch {
	case math.IsNaN(f):
		return map[string]any{"float": "nan"}
	case math.IsInf(f, 1):
		return map[string]any{"float": "inf"}
	case math.IsInf(f, -1):
		return map[string]any{"float": "-inf"}
	}
	return map[string]any{"float": f}
}

func (r *Recorder) typedStruct(v reflect.Value, depth int) any {
	switch v.Type() {
	case timeType: // unexported fields only: read through the standard library's own code
		t := reflect.New(timeType).Elem()
		t.Set(v)
		return map[string]any{"str": t.Interface().(time.Time).Format(time.RFC3339Nano)}
	case bigIntType:
		n := reflect.New(bigIntType)
		n.Elem().Set(v)
		return map[string]any{"int": n.Interface().(*big.Int).String()}
	}
	pairs := []any{}
	for i := 0; i < v.NumField(); i++ {
		field := v.Type().Field(i)
		if !field.IsExported() {
			continue
		}
		pairs = append(pairs, []any{map[string]any{"str": field.Name},
			r.typedValue(v.Field(i), depth+1)})
	}
	if len(pairs) == 0 && v.NumField() > 0 {
		return unrecorded(fmt.Sprintf("a %s has no exported fields", typeName(v.Type())))
	}
	return map[string]any{"dict": pairs}
}

// raised is an error as a typed value. Its name is the first error along its Unwrap chain
// (depth first, Unwrap() error and Unwrap() []error) that is a declared Sentinel, or else
// whose type is not one of the standard library's anonymous errors (errors.New's, and the
// wrappers of fmt.Errorf and errors.Join); "error" when there is none. Its bases are the
// other names along the chain, then "error". So fmt.Errorf("withdraw: %w", ErrNotFound)
// records as ErrNotFound's name, and a *LimitError of package example.com/ledger as
// "*example.com/ledger.LimitError" (the import path: a package of the same name elsewhere
// cannot pass for it). Only
// Unwrap is called on the candidate's errors; Is, As and Error never are.
func raised(err error) any {
	names := []string{}
	seen := map[string]bool{}
	for _, link := range chain(err) {
		if name := errorName(link); name != "" && !seen[name] {
			seen[name] = true
			names = append(names, name)
		}
	}
	if len(names) == 0 {
		names = []string{"error"}
	} else {
		names = append(names, "error")
	}
	return map[string]any{"raised": map[string]any{"name": names[0], "bases": names[1:]}}
}

// chain is err and what it wraps, depth first, at most maxChain errors.
func chain(err error) []error {
	found := []error{}
	var walk func(error)
	walk = func(e error) {
		if e == nil || len(found) >= maxChain {
			return
		}
		found = append(found, e)
		switch wrapper := e.(type) {
		case interface{ Unwrap() error }:
			walk(wrapper.Unwrap())
		case interface{ Unwrap() []error }:
			for _, inner := range wrapper.Unwrap() {
				walk(inner)
			}
		}
	}
	walk(err)
	return found
}

// errorName is a declared sentinel's name when err is one (==, only for comparable types), or
// else its type's name (typeName), or "" for the standard library's anonymous errors and
// wrappers.
func errorName(err error) string {
	if name, ok := remoteName(err); ok { // of a type of the candidate's program this one lacks
		return namedError(name)
	}
	t := reflect.TypeOf(err)
	if t.Comparable() {
		for _, s := range sentinels {
			if reflect.TypeOf(s.err) == t && s.err == err {
				return s.name
			}
		}
	}
	return namedError(typeName(t))
}

// namedError is "" for the standard library's anonymous errors and wrappers, else name.
func namedError(name string) string {
	switch name {
	case "*errors.errorString", "*errors.joinError", "*fmt.wrapError", "*fmt.wrapErrors":
		return ""
	default:
		return name
	}
}

// typeName is t's name with its package's import path, not its package's name (which another
// package could share): "*ratelimit.CostError", "*example.com/shop/cart.LimitError".
func typeName(t reflect.Type) string {
	if t.Kind() == reflect.Pointer && t.Name() == "" {
		return "*" + typeName(t.Elem())
	}
	if t.Name() != "" && t.PkgPath() != "" {
		return t.PkgPath() + "." + t.Name()
	}
	return t.String()
}

// panicked is a panic as a typed value: named "panic", with the names of the panic's value
// when it is an error (a runtime error's type, a sentinel ...) as its bases.
func (r *Recorder) panicked(value any) (typed any) {
	bases := []string{}
	defer func() {
		if recover() != nil { // the panic's value's Unwrap panicked
			typed = map[string]any{"raised": map[string]any{"name": "panic", "bases": []string{}}}
		}
	}()
	if err, ok := value.(error); ok {
		for _, link := range chain(err) {
			if name := errorName(link); name != "" {
				bases = append(bases, name)
			}
		}
		if _, ok := err.(runtime.Error); ok {
			bases = append(bases, "runtime.Error")
		}
	}
	return map[string]any{"raised": map[string]any{"name": "panic", "bases": bases}}
}
