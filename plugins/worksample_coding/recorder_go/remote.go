package cases

// The channel between the program of the hidden cases and the candidate's program. The code
// under test never runs in the program that records: that program is built with a stand-in
// of each package of the module under test (stubgen.go writes it: the package's own type and
// constant declarations, and, for every exported function and method, a body that calls
// RemoteCall), and the candidate's program (Serve) runs the real package and answers.
//
// A call is synchronous, as in one program: the caller writes a request and waits for its
// answer, while the reader goroutine answers the other side's requests (a function the cases
// gave the code, called back) in goroutines of their own. Messages are length-prefixed JSON.
//
// What crosses, by reflection, never through the value's methods:
//   - booleans, numbers, strings, slices, arrays, maps and structs (every field, exported or
//     not): copied;
//   - a pointer: a number in its owner's table and, when its owner sends it, a copy of what it
//     points to. The other side keeps one pointer per number, so a pointer that comes back is
//     the same pointer (a sentinel error stays itself: err == ErrX holds), and a method called
//     on it runs on the owner's object;
//   - a function: a number; calling it on the other side calls it here;
//   - an interface: its dynamic type's name (with its import path, as typed.go names it) and
//     value; a type the other side does not know arrives as a RemoteValue, or a RemoteError
//     with the error's message, what it wraps and its name;
//   - a panic in a call: panics again in the caller, with the value it panicked with.
//
// The cases' side (trusted) checks what it receives: a message that is not the protocol's
// ends the program (LostExit), and of its own objects the candidate's side may only call the
// functions it was given.

import (
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"os"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
	"unicode/utf8"
	"unsafe"
)

// LostExit is the exit code of the cases' program when the channel to the candidate's
// program is lost (that program ended, or broke the protocol); runner.py says why.
const LostExit = 4

const (
	maxMessage     = 8 << 20 // bytes of one message
	maxNodes       = 100_000 // values in one message
	maxValueDepth  = 64
	maxMessageText = 4000 // of an error's message, as sent
)

// A node is one value as sent. Exactly one of its fields says what it is.
type node struct {
	Nil    bool       `json:"n,omitempty"`
	Bool   *bool      `json:"b,omitempty"`
	Int    string     `json:"i,omitempty"`
	Uint   string     `json:"u,omitempty"`
	Float  string     `json:"f,omitempty"`
	Cplx   []string   `json:"c,omitempty"`
	Str    *string    `json:"s,omitempty"`
	Bytes  *string    `json:"by,omitempty"` // base64: []byte, [N]byte, a string that is not UTF-8
	List   []*node    `json:"l,omitempty"`
	IsList bool       `json:"il,omitempty"`
	Map    [][2]*node `json:"m,omitempty"`
	IsMap  bool       `json:"im,omitempty"`
	Fields []*node    `json:"st,omitempty"`
	IsSt   bool       `json:"ist,omitempty"`
	Ptr    uint64     `json:"p,omitempty"`
	Fn     uint64     `json:"fn,omitempty"`
	Owner  string     `json:"o,omitempty"`
	Value  *node      `json:"v,omitempty"`
	Dyn    string     `json:"dyn,omitempty"` // an interface's dynamic type
	Msg    *string    `json:"msg,omitempty"` // an error's message
	Wraps  []*node    `json:"w,omitempty"`   // what an error wraps (Unwrap)
	RtErr  bool       `json:"rt,omitempty"`  // a runtime.Error
	IsErr  bool       `json:"err,omitempty"`
	Time   *string    `json:"t,omitempty"`   // a time.Time, as its MarshalBinary
	Loc    *string    `json:"loc,omitempty"` // a *time.Location, by name
	Opaque bool       `json:"op,omitempty"`  // a channel or an unsafe.Pointer: it never crosses
}

type message struct {
	T        string  `json:"t"`
	ID       uint64  `json:"id,omitempty"`
	Fn       string  `json:"fn,omitempty"`  // a package's function ("ratelimit.New") or a method
	Obj      uint64  `json:"obj,omitempty"` // a function given before, by number
	Recv     *node   `json:"recv,omitempty"`
	Args     []*node `json:"a,omitempty"`
	Variadic bool    `json:"va,omitempty"`
	Results  []*node `json:"r,omitempty"`
	Panic    *node   `json:"panic,omitempty"`
	Why      string  `json:"why,omitempty"`
}

// RemoteValue stands for a value of the candidate's program of a type this program does
// not have; typed.go records it as not recordable, under the type's own name.
type RemoteValue struct {
	TypeName string
	number   uint64
}

// RemoteError stands for an error of the candidate's program of a type this program does not
// have: its message, what it wraps (Unwrap, as errors.Is and errors.As of Go 1.19 read it:
// the first of what it wrapped), and its type's name, under which typed.go records it.
type RemoteError struct {
	TypeName string
	Message  string
	Wrapped  error
}

func (e *RemoteError) Error() string { return e.Message }
func (e *RemoteError) Unwrap() error { return e.Wrapped }

// RemoteRuntimeError is a RemoteError that was a runtime.Error (an index out of range, a nil
// map written to ...).
type RemoteRuntimeError struct{ RemoteError }

func (e *RemoteRuntimeError) RuntimeError() {}

type channel struct {
	side, other string
	trusted     bool
	in          io.Reader
	out         io.Writer
	writing     sync.Mutex

	mu        sync.Mutex
	nextCall  uint64
	waiting   map[uint64]chan *message
	objects   map[uint64]reflect.Value // this side's pointers and functions the other was given
	numbers   map[pointerKey]uint64
	nextObj   uint64
	remote    map[uint64]reflect.Value // the other side's pointers, as made here
	remoteOf  map[pointerKey]uint64
	lost      chan struct{}
	lostOnce  sync.Once
	lostWhy   string
	ready     chan struct{}
	readyOnce sync.Once
}

var (
	link     *channel // this program's, once started
	crossing = struct {
		sync.Mutex
		types map[string]reflect.Type
		funcs map[string]reflect.Value
		vars  map[string]reflect.Value
	}{types: map[string]reflect.Type{}, funcs: map[string]reflect.Value{}, vars: map[string]reflect.Value{}}
)

// RemoteRegister is for the code stubgen.go writes: the named types of a package (every one,
// so that a value of any of them can cross), and, on the candidate's side, its exported
// functions and variables (pointers to them), by name with the package's import path.
func RemoteRegister(types []any, funcs map[string]any, vars map[string]any) {
	crossing.Lock()
	defer crossing.Unlock()
	for _, zero := range types {
		t := reflect.TypeOf(zero).Elem() // given as (*T)(nil)
		crossing.types[typeName(t)] = t
	}
	for name, fn := range funcs {
		crossing.funcs[name] = reflect.ValueOf(fn)
	}
	for name, pointer := range vars {
		crossing.vars[name] = reflect.ValueOf(pointer)
	}
}

// the standard library's types a value may hold, known on both sides: the basic types, some
// of time's and math/big's, and the errors of errors.New and fmt.Errorf
var knownTypes = func() map[string]reflect.Type {
	found := map[string]reflect.Type{}
	for _, value := range []any{
		false, int(0), int8(0), int16(0), int32(0), int64(0), uint(0), uint8(0), uint16(0),
		uint32(0), uint64(0), uintptr(0), float32(0), float64(0), complex64(0), complex128(0),
		"", time.Time{}, time.Duration(0), time.Month(0), time.Weekday(0), big.Int{},
		big.Float{}, big.Rat{},
	} {
		t := reflect.TypeOf(value)
		found[typeName(t)] = t
	}
	for _, err := range []error{errors.New(""), fmt.Errorf("%w", errors.New(""))} {
		t := reflect.TypeOf(err).Elem()
		found[typeName(t)] = t
	}
	found["error"] = reflect.TypeOf((*error)(nil)).Elem()
	found["interface {}"] = reflect.TypeOf((*any)(nil)).Elem()
	return found
}()

func newChannel(side string, trusted bool, in io.Reader, out io.Writer) *channel {
	return &channel{side: side, other: map[string]string{"c": "k", "k": "c"}[side],
		trusted: trusted, in: in, out: out, waiting: map[uint64]chan *message{},
		objects: map[uint64]reflect.Value{}, numbers: map[pointerKey]uint64{},
		remote: map[uint64]reflect.Value{}, remoteOf: map[pointerKey]uint64{},
		lost: make(chan struct{}), ready: make(chan struct{})}
}

// A pointerKey tells pointers apart: a struct and its first field share an address.
type pointerKey struct {
	address unsafe.Pointer
	t       reflect.Type
}

// knownType is the type named name in the registry (the packages register theirs when the
// program starts: after the channel opens, on the cases' side), or the standard library's.
func knownType(name string) (reflect.Type, bool) {
	if t, ok := knownTypes[name]; ok {
		return t, true
	}
	crossing.Lock()
	defer crossing.Unlock()
	t, ok := crossing.types[name]
	return t, ok
}

func registeredValue(name string, table string) (reflect.Value, bool) {
	crossing.Lock()
	defer crossing.Unlock()
	if table == "funcs" {
		v, ok := crossing.funcs[name]
		return v, ok
	}
	v, ok := crossing.vars[name]
	return v, ok
}

// ---- the cases' side ----------------------------------------------------------------------

// connectCases opens this program's channel to the candidate's program when its arguments
// name one (argv 4 and 5: the descriptors to read and write); runner.py always does.
func connectCases() {
	if link != nil || len(os.Args) != 6 {
		return
	}
	in, err1 := strconv.Atoi(os.Args[4])
	out, err2 := strconv.Atoi(os.Args[5])
	if err1 != nil || err2 != nil {
		fmt.Fprintln(os.Stderr, "cases: bad channel arguments", os.Args[4:])
		os.Exit(2)
	}
	link = newChannel("c", true, os.NewFile(uintptr(in), "from the candidate"),
		os.NewFile(uintptr(out), "to the candidate"))
	link.start()
}

// RemoteCall is for the code stubgen.go writes: call fn ("pkg.Func", or a method's name with
// recv a pointer to its receiver) in the candidate's program with args (pointers to each
// argument, so that their static types are known) and set results (pointers) to what it
// returned; a panic there panics here.
func RemoteCall(fn string, recv any, variadic bool, args []any, results ...any) {
	connectCases()
	if link == nil {
		panic("worksample: the code under test is not connected")
	}
	link.call(&message{T: "call", Fn: fn, Variadic: variadic}, recv, args, results)
}

// RemoteVar is for the code stubgen.go writes: the value of the candidate's package variable
// name ("pkg.Name"), into pointer, when the cases' program starts.
func RemoteVar(name string, pointer any) {
	connectCases()
	if link == nil {
		return
	}
	link.call(&message{T: "var", Fn: name}, nil, nil, []any{pointer})
}

func (c *channel) call(request *message, recv any, args []any, results []any) {
	state := c.newEncoding()
	if recv != nil { // as an interface, so that its type goes with it
		boxed := reflect.New(reflect.TypeOf((*any)(nil)).Elem()).Elem()
		boxed.Set(reflect.ValueOf(recv).Elem())
		request.Recv = state.encode(boxed, 0)
	}
	for _, arg := range args {
		request.Args = append(request.Args, state.encode(reflect.ValueOf(arg).Elem(), 0))
	}
	if state.err != nil {
		panic(fmt.Sprintf("worksample: cannot send this to the code under test: %v", state.err))
	}
	answer := c.ask(request)
	decoding := c.newDecoding()
	if answer.T == "panic" {
		value := decoding.decode(answer.Panic, reflect.TypeOf((*any)(nil)).Elem(), 0)
		c.check(decoding)
		panic(value.Interface())
	}
	if len(answer.Results) != len(results) {
		c.lose("an answer with the wrong number of results")
	}
	decoded := make([]reflect.Value, len(results))
	for i, result := range results {
		decoded[i] = decoding.decode(answer.Results[i], reflect.TypeOf(result).Elem(), 0)
	}
	c.check(decoding)
	for i, result := range results {
		reflect.ValueOf(result).Elem().Set(decoded[i])
	}
}

// check ends the program on a protocol error (the trusted side), or panics with a decoding
// error (a value that cannot be represented here).
func (c *channel) check(d *decoding) {
	if d.broken != "" {
		c.lose(d.broken)
	}
	if d.err != nil {
		panic(fmt.Sprintf("worksample: cannot receive this from the code under test: %v", d.err))
	}
}

// ---- the candidate's side -----------------------------------------------------------------

// Serve is the candidate's program: it answers the cases' program on descriptors 3 (read)
// and 4 (write) until that program ends, then exits.
func Serve() {
	in, err1 := strconv.Atoi(os.Getenv("WORKSAMPLE_CHANNEL_IN"))
	out, err2 := strconv.Atoi(os.Getenv("WORKSAMPLE_CHANNEL_OUT"))
	if err1 != nil || err2 != nil {
		fmt.Fprintln(os.Stderr, "serve: no channel (runner.py starts this)")
		os.Exit(2)
	}
	link = newChannel("k", false, os.NewFile(uintptr(in), "from the cases"),
		os.NewFile(uintptr(out), "to the cases"))
	link.start()
	<-link.lost
	os.Exit(0)
}

// ---- both sides ---------------------------------------------------------------------------

func (c *channel) start() {
	go c.read()
	c.send(&message{T: "ready"})
	select {
	case <-c.ready:
	case <-c.lost:
		c.halt()
	}
}

func (c *channel) lose(why string) {
	c.lostOnce.Do(func() {
		c.lostWhy = why
		close(c.lost)
	})
	c.halt()
}

// halt ends this program: the cases' side with LostExit (runner.py says why: the candidate's
// program ended, or it broke the protocol), the candidate's side quietly.
func (c *channel) halt() {
	if c.trusted {
		fmt.Fprintf(os.Stderr, "worksample: the channel to the code under test was lost: %s\n",
			c.lostWhy)
		os.Exit(LostExit)
	}
	os.Exit(0)
}

func (c *channel) send(m *message) {
	data, err := json.Marshal(m)
	if err != nil || len(data) > maxMessage {
		if m.T == "ret" || m.T == "panic" {
			why := "the answer takes more than 8 MB to send"
			if err != nil {
				why = "the answer could not be written as JSON"
			}
			data, _ = json.Marshal(&message{T: "panic", ID: m.ID, Panic: stringNode(why)})
		} else {
			panic("worksample: a request too large to send to the code under test")
		}
	}
	frame := make([]byte, 4+len(data))
	binary.BigEndian.PutUint32(frame, uint32(len(data)))
	copy(frame[4:], data)
	c.writing.Lock()
	_, err = c.out.Write(frame)
	c.writing.Unlock()
	if errors.Is(err, syscall.EPIPE) {
		c.lose("closed") // the other side closed its end: most often, its program ended
	} else if err != nil {
		c.lose("writing on the channel failed")
	}
}

func stringNode(s string) *node { return &node{Str: &s} }

func (c *channel) ask(request *message) *message {
	answer := make(chan *message, 1)
	c.mu.Lock()
	c.nextCall++
	request.ID = c.nextCall
	c.waiting[request.ID] = answer
	c.mu.Unlock()
	c.send(request)
	select {
	case m := <-answer:
		return m
	case <-c.lost:
		c.halt()
		return nil
	}
}

func (c *channel) read() {
	header := make([]byte, 4)
	for {
		if _, err := io.ReadFull(c.in, header); err != nil {
			c.lose("closed")
			return
		}
		size := binary.BigEndian.Uint32(header)
		if size > maxMessage {
			c.lose(fmt.Sprintf("a message of %d bytes, over the limit of %d", size, maxMessage))
			return
		}
		data := make([]byte, size)
		if _, err := io.ReadFull(c.in, data); err != nil {
			c.lose("closed")
			return
		}
		var m message
		decoder := json.NewDecoder(strings.NewReader(string(data)))
		decoder.DisallowUnknownFields()
		if err := decoder.Decode(&m); err != nil {
			c.lose("a message that is not one of the protocol's")
			return
		}
		c.handle(&m)
	}
}

func (c *channel) handle(m *message) {
	switch m.T {
	case "ready":
		c.readyOnce.Do(func() { close(c.ready) })
	case "ret", "panic":
		c.mu.Lock()
		answer, ok := c.waiting[m.ID]
		delete(c.waiting, m.ID)
		c.mu.Unlock()
		if !ok {
			c.lose("an answer to no request")
			return
		}
		answer <- m
	case "call", "var":
		go c.answer(m)
	default:
		c.lose(fmt.Sprintf("a message of type %q", truncate(m.T, 20)))
	}
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// answer runs a request of the other side and sends what it returned, or what it panicked
// with.
func (c *channel) answer(m *message) {
	results, panicked, broken := c.run(m)
	if broken != "" {
		c.lose(broken)
		return
	}
	state := c.newEncoding()
	reply := &message{T: "ret", ID: m.ID}
	if panicked != nil {
		reply.T = "panic"
		reply.Panic = state.encodeThrown(*panicked)
	} else {
		for _, result := range results {
			reply.Results = append(reply.Results, state.encode(result, 0))
		}
	}
	if state.err != nil {
		why := fmt.Sprintf("the answer cannot be sent: %v", state.err)
		reply = &message{T: "panic", ID: m.ID, Panic: stringNode(why)}
	}
	c.send(reply)
}

// run calls what m asks for; a panic is returned as such.
func (c *channel) run(m *message) (results []reflect.Value, panicked *reflect.Value,
	broken string) {
	var target reflect.Value
	decoding := c.newDecoding()
	var args []reflect.Value
	switch {
	case m.T == "var" && !c.trusted:
		pointer, ok := registeredValue(m.Fn, "vars")
		if !ok {
			return nil, nil, "a variable that is not one"
		}
		return []reflect.Value{pointer.Elem()}, nil, ""
	case m.T == "call" && m.Obj != 0:
		c.mu.Lock()
		fn, ok := c.objects[m.Obj]
		c.mu.Unlock()
		if !ok || fn.Kind() != reflect.Func {
			return nil, nil, "a call of something never given"
		}
		target = fn
	case m.T == "call" && !c.trusted && m.Recv == nil:
		fn, ok := registeredValue(m.Fn, "funcs")
		if !ok {
			return nil, nil, "a function that is not one"
		}
		target = fn
	case m.T == "call" && !c.trusted:
		recv := decoding.decode(m.Recv, reflect.TypeOf((*any)(nil)).Elem(), 0)
		if decoding.broken != "" || decoding.err != nil || recv.IsNil() {
			return nil, nil, "a receiver that cannot be read"
		}
		target = recv.Elem().MethodByName(m.Fn)
		if !target.IsValid() {
			return nil, nil, "a method that is not one"
		}
	default:
		return nil, nil, "a request the cases' side does not answer"
	}
	signature := target.Type()
	if len(m.Args) != signature.NumIn() || m.Variadic != signature.IsVariadic() {
		return nil, nil, "a call with the wrong number of arguments"
	}
	for i, arg := range m.Args {
		args = append(args, decoding.decode(arg, signature.In(i), 0))
	}
	if decoding.broken != "" {
		return nil, nil, decoding.broken
	}
	if decoding.err != nil {
		value := reflect.ValueOf(fmt.Sprintf("worksample: cannot receive this: %v", decoding.err))
		return nil, &value, ""
	}
	func() {
		returned := false
		defer func() {
			if !returned {
				r := recover() // panic(nil) too
				value := reflect.ValueOf(&r).Elem()
				panicked = &value
			}
		}()
		if m.Variadic {
			results = target.CallSlice(args)
		} else {
			results = target.Call(args)
		}
		returned = true
	}()
	return results, panicked, ""
}

// ---- encoding -----------------------------------------------------------------------------

type encoding struct {
	c     *channel
	nodes int
	sent  map[pointerKey]bool // pointers whose value this message holds already
	err   error
}

func (c *channel) newEncoding() *encoding {
	return &encoding{c: c, sent: map[pointerKey]bool{}}
}

func (e *encoding) fail(format string, args ...any) *node {
	if e.err == nil {
		e.err = fmt.Errorf(format, args...)
	}
	return &node{Nil: true}
}

// readable is v, read and set whatever its fields' names: v itself, or, when it was reached
// through an unexported field, the same memory seen without that mark. It is addressable
// then: a struct or an array is made addressable before its fields or items are read (see
// encode), so that every unexported field is.
func readable(v reflect.Value) reflect.Value {
	if !v.CanInterface() && v.CanAddr() {
		return reflect.NewAt(v.Type(), unsafe.Pointer(v.UnsafeAddr())).Elem()
	}
	return v
}

// addressable is v, or a copy of it that is addressable.
func addressable(v reflect.Value) reflect.Value {
	if v.CanAddr() {
		return v
	}
	copied := reflect.New(v.Type()).Elem()
	copied.Set(v)
	return copied
}

// encodeThrown is what a call panicked with, as an interface.
func (e *encoding) encodeThrown(v reflect.Value) *node {
	return e.encode(v, 0)
}

func (e *encoding) encode(v reflect.Value, depth int) *node {
	e.nodes++
	if e.nodes > maxNodes {
		return e.fail("more than %d values", maxNodes)
	}
	if depth > maxValueDepth {
		return e.fail("nested more than %d levels deep", maxValueDepth)
	}
	if !v.IsValid() {
		return &node{Nil: true}
	}
	v = readable(v)
	switch v.Type() {
	case timeType: // its location is a pointer to the program's own: sent as its offset
		data, err := addressable(v).Interface().(time.Time).MarshalBinary()
		if err != nil {
			return e.fail("a time that cannot be sent: %v", err)
		}
		text := base64.StdEncoding.EncodeToString(data)
		return &node{Time: &text}
	case locationType:
		if v.IsNil() {
			return &node{Nil: true}
		}
		name := v.Interface().(*time.Location).String()
		return &node{Loc: &name}
	}
	switch v.Kind() {
	case reflect.Bool:
		b := v.Bool()
		return &node{Bool: &b}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return &node{Int: strconv.FormatInt(v.Int(), 10)}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return &node{Uint: strconv.FormatUint(v.Uint(), 10)}
	case reflect.Float32, reflect.Float64:
		return &node{Float: strconv.FormatFloat(v.Float(), 'g', -1, 64)}
	case reflect.Complex64, reflect.Complex128:
		c := v.Complex()
		return &node{Cplx: []string{strconv.FormatFloat(real(c), 'g', -1, 64),
			strconv.FormatFloat(imag(c), 'g', -1, 64)}}
	case reflect.String:
		s := v.String()
		if !utf8.ValidString(s) {
			b := base64.StdEncoding.EncodeToString([]byte(s))
			return &node{Bytes: &b}
		}
		return &node{Str: &s}
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.IsNil() {
			return &node{Nil: true}
		}
		if v.Type().Elem().Kind() == reflect.Uint8 {
			v = addressable(v)
			data := make([]byte, v.Len())
			for i := range data {
				data[i] = byte(v.Index(i).Uint())
			}
			b := base64.StdEncoding.EncodeToString(data)
			return &node{Bytes: &b}
		}
		if v.Kind() == reflect.Array {
			v = addressable(v)
		}
		items := make([]*node, v.Len())
		for i := range items {
			items[i] = e.encode(v.Index(i), depth+1)
		}
		return &node{List: items, IsList: true}
	case reflect.Map:
		if v.IsNil() {
			return &node{Nil: true}
		}
		pairs := [][2]*node{}
		entries := v.MapRange()
		for entries.Next() {
			pairs = append(pairs, [2]*node{e.encode(entries.Key(), depth+1),
				e.encode(entries.Value(), depth+1)})
		}
		return &node{Map: pairs, IsMap: true}
	case reflect.Struct:
		v = addressable(v)
		fields := make([]*node, v.NumField())
		for i := range fields {
			fields[i] = e.encode(v.Field(i), depth+1)
		}
		return &node{Fields: fields, IsSt: true}
	case reflect.Chan, reflect.UnsafePointer:
		return &node{Opaque: true} // as an interface's value, a stand-in on the other side
	case reflect.Pointer:
		if v.IsNil() {
			return &node{Nil: true}
		}
		key := pointerKey{v.UnsafePointer(), v.Type()}
		e.c.mu.Lock()
		if number, ok := e.c.remoteOf[key]; ok {
			e.c.mu.Unlock()
			return &node{Ptr: number, Owner: e.c.other}
		}
		number, ok := e.c.numbers[key]
		if !ok {
			e.c.nextObj++
			number = e.c.nextObj
			e.c.numbers[key] = number
			e.c.objects[number] = v
		}
		e.c.mu.Unlock()
		n := &node{Ptr: number, Owner: e.c.side}
		if !e.sent[key] {
			e.sent[key] = true
			n.Value = e.encode(v.Elem(), depth+1)
		}
		return n
	case reflect.Func:
		if v.IsNil() {
			return &node{Nil: true}
		}
		e.c.mu.Lock()
		e.c.nextObj++
		number := e.c.nextObj
		e.c.objects[number] = v
		e.c.mu.Unlock()
		return &node{Fn: number, Owner: e.c.side}
	case reflect.Interface:
		if v.IsNil() {
			return &node{Nil: true}
		}
		inner := v.Elem()
		n := &node{Dyn: typeName(inner.Type()), Value: e.encode(inner, depth+1)}
		// (the cases' side never asks: its errors of the module's types are stand-ins whose
		// Error is a call to the other side, and that side has every type the cases have)
		if err, ok := inner.Interface().(error); ok && !e.c.trusted {
			e.describeError(n, err, depth)
		}
		return n
	}
	return e.fail("a %s", v.Kind())
}

// describeError adds what the other side needs to stand for an error of a type it does not
// have: its message (its Error method, run here), what it wraps, whether it is a runtime
// error.
func (e *encoding) describeError(n *node, err error, depth int) {
	n.IsErr = true
	message := func() (text string) {
		defer func() {
			if recover() != nil {
				text = ""
			}
		}()
		return err.Error()
	}()
	if len(message) > maxMessageText {
		message = message[:maxMessageText]
	}
	n.Msg = &message
	if _, ok := err.(runtime.Error); ok {
		n.RtErr = true
	}
	if _, known := knownType(strings.TrimPrefix(n.Dyn, "*")); known {
		return // the other side makes it whole, and calls its own Unwrap
	}
	var wrapped []error
	func() {
		defer func() { _ = recover() }()
		switch w := err.(type) {
		case interface{ Unwrap() error }:
			if inner := w.Unwrap(); inner != nil {
				wrapped = []error{inner}
			}
		case interface{ Unwrap() []error }:
			wrapped = w.Unwrap()
		}
	}()
	for _, inner := range wrapped {
		value := reflect.ValueOf(&inner).Elem()
		n.Wraps = append(n.Wraps, e.encode(value, depth+1))
	}
}

// ---- decoding -----------------------------------------------------------------------------

type decoding struct {
	c      *channel
	nodes  int
	broken string // a protocol error: the message is not one the other side's code sends
	err    error  // a value that cannot be made here
}

func (c *channel) newDecoding() *decoding { return &decoding{c: c} }

func (d *decoding) brk(why string) reflect.Value {
	if d.broken == "" {
		d.broken = why
	}
	return reflect.Value{}
}

func (d *decoding) decode(n *node, t reflect.Type, depth int) reflect.Value {
	out := reflect.New(t).Elem()
	if d.broken != "" {
		return out
	}
	d.nodes++
	if n == nil || d.nodes > 2*maxNodes || depth > 2*maxValueDepth+8 {
		d.brk("a value missing, or larger or deeper than any sent")
		return out
	}
	if n.Opaque {
		if d.err == nil {
			d.err = fmt.Errorf("a %s, which cannot cross between the programs", t)
		}
		return out
	}
	if n.Nil {
		switch t.Kind() {
		case reflect.Pointer, reflect.Interface, reflect.Slice, reflect.Map, reflect.Func:
			return out
		}
		d.brk("nil for a " + t.Kind().String())
		return out
	}
	target := readable(out)
	switch t {
	case timeType:
		var when time.Time
		data, err := base64.StdEncoding.DecodeString(stringOr(n.Time))
		if err != nil || n.Time == nil || when.UnmarshalBinary(data) != nil {
			d.brk("a time that is not one")
			return out
		}
		target.Set(reflect.ValueOf(when))
		return out
	case locationType:
		if n.Loc == nil {
			d.brk("a location that is not one")
			return out
		}
		location, err := time.LoadLocation(*n.Loc)
		if err != nil {
			location = time.FixedZone(*n.Loc, 0)
		}
		target.Set(reflect.ValueOf(location))
		return out
	}
	switch t.Kind() {
	case reflect.Bool:
		if n.Bool == nil {
			d.brk("a bool that is not one")
			return out
		}
		target.SetBool(*n.Bool)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		i, err := strconv.ParseInt(n.Int, 10, 64)
		if err != nil || target.OverflowInt(i) {
			d.brk("an int that is not one")
			return out
		}
		target.SetInt(i)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		u, err := strconv.ParseUint(n.Uint, 10, 64)
		if err != nil || target.OverflowUint(u) {
			d.brk("a uint that is not one")
			return out
		}
		target.SetUint(u)
	case reflect.Float32, reflect.Float64:
		f, err := strconv.ParseFloat(n.Float, 64)
		if err != nil && !errors.Is(err, strconv.ErrRange) {
			d.brk("a float that is not one")
			return out
		}
		target.SetFloat(f)
	case reflect.Complex64, reflect.Complex128:
		if len(n.Cplx) != 2 {
			d.brk("a complex that is not one")
			return out
		}
		re, err1 := strconv.ParseFloat(n.Cplx[0], 64)
		im, err2 := strconv.ParseFloat(n.Cplx[1], 64)
		if (err1 != nil && !errors.Is(err1, strconv.ErrRange)) ||
			(err2 != nil && !errors.Is(err2, strconv.ErrRange)) {
			d.brk("a complex that is not one")
			return out
		}
		target.SetComplex(complex(re, im))
	case reflect.String:
		switch {
		case n.Str != nil:
			target.SetString(*n.Str)
		case n.Bytes != nil:
			data, err := base64.StdEncoding.DecodeString(*n.Bytes)
			if err != nil {
				d.brk("bytes that are not base64")
				return out
			}
			target.SetString(string(data))
		default:
			d.brk("a string that is not one")
		}
	case reflect.Slice, reflect.Array:
		d.decodeList(n, t, target, depth)
	case reflect.Map:
		if !n.IsMap {
			d.brk("a map that is not one")
			return out
		}
		made := reflect.MakeMapWithSize(t, len(n.Map))
		for _, pair := range n.Map {
			key := d.decode(pair[0], t.Key(), depth+1)
			value := d.decode(pair[1], t.Elem(), depth+1)
			if d.broken != "" {
				return out
			}
			if !key.Type().Comparable() {
				d.brk("a map key that cannot be one")
				return out
			}
			made.SetMapIndex(key, value)
		}
		target.Set(made)
	case reflect.Struct:
		if !n.IsSt || len(n.Fields) != t.NumField() {
			d.brk("a struct that is not one of this type")
			return out
		}
		for i, field := range n.Fields {
			readable(target.Field(i)).Set(d.decode(field, t.Field(i).Type, depth+1))
		}
	case reflect.Pointer:
		d.decodePointer(n, t, target, depth)
	case reflect.Func:
		d.decodeFunc(n, t, target)
	case reflect.Interface:
		d.decodeInterface(n, t, target, depth)
	default:
		d.brk("a value of a kind that never crosses")
	}
	return out
}

var locationType = reflect.TypeOf((*time.Location)(nil))

func stringOr(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func (d *decoding) decodeList(n *node, t reflect.Type, target reflect.Value, depth int) {
	if t.Elem().Kind() == reflect.Uint8 && n.Bytes != nil {
		data, err := base64.StdEncoding.DecodeString(*n.Bytes)
		if err != nil || (t.Kind() == reflect.Array && len(data) != t.Len()) {
			d.brk("bytes that are not base64, or not as many")
			return
		}
		if t.Kind() == reflect.Slice {
			made := reflect.MakeSlice(t, len(data), len(data))
			for i, b := range data {
				made.Index(i).SetUint(uint64(b))
			}
			target.Set(made)
			return
		}
		for i, b := range data {
			target.Index(i).SetUint(uint64(b))
		}
		return
	}
	if !n.IsList || (t.Kind() == reflect.Array && len(n.List) != t.Len()) {
		d.brk("a list that is not one of this type")
		return
	}
	if t.Kind() == reflect.Slice {
		target.Set(reflect.MakeSlice(t, len(n.List), len(n.List)))
	}
	for i, item := range n.List {
		readable(target.Index(i)).Set(d.decode(item, t.Elem(), depth+1))
	}
}

func (d *decoding) decodePointer(n *node, t reflect.Type, target reflect.Value, depth int) {
	if n.Ptr == 0 {
		d.brk("a pointer that is not one")
		return
	}
	c := d.c
	if n.Owner == c.side {
		c.mu.Lock()
		own, ok := c.objects[n.Ptr]
		c.mu.Unlock()
		if !ok || own.Kind() != reflect.Pointer || own.Type() != t {
			d.brk("a pointer of this side's that it never gave")
			return
		}
		target.Set(own)
		return
	}
	if n.Owner != c.other {
		d.brk("a pointer of no side")
		return
	}
	c.mu.Lock()
	made, ok := c.remote[n.Ptr]
	if !ok {
		made = reflect.New(t.Elem())
		c.remote[n.Ptr] = made
		c.remoteOf[pointerKey{made.UnsafePointer(), t}] = n.Ptr
	}
	c.mu.Unlock()
	if made.Type() != t {
		d.brk("a pointer given again as another type")
		return
	}
	target.Set(made)
	if n.Value != nil { // what it points to, as its owner has it now
		readable(made.Elem()).Set(d.decode(n.Value, t.Elem(), depth+1))
	}
}

func (d *decoding) decodeFunc(n *node, t reflect.Type, target reflect.Value) {
	c := d.c
	if n.Fn == 0 {
		d.brk("a function that is not one")
		return
	}
	if n.Owner == c.side {
		c.mu.Lock()
		own, ok := c.objects[n.Fn]
		c.mu.Unlock()
		if !ok || own.Type() != t {
			d.brk("a function of this side's that it never gave")
			return
		}
		target.Set(own)
		return
	}
	number := n.Fn
	target.Set(reflect.MakeFunc(t, func(args []reflect.Value) []reflect.Value {
		state := c.newEncoding()
		request := &message{T: "call", Obj: number, Variadic: t.IsVariadic()}
		for _, arg := range args {
			request.Args = append(request.Args, state.encode(arg, 0))
		}
		if state.err != nil {
			panic(fmt.Sprintf("worksample: cannot send this: %v", state.err))
		}
		answer := c.ask(request)
		decoding := c.newDecoding()
		if answer.T == "panic" {
			value := decoding.decode(answer.Panic, reflect.TypeOf((*any)(nil)).Elem(), 0)
			c.check(decoding)
			panic(value.Interface())
		}
		if len(answer.Results) != t.NumOut() {
			c.lose("an answer with the wrong number of results")
		}
		results := make([]reflect.Value, t.NumOut())
		for i := range results {
			results[i] = decoding.decode(answer.Results[i], t.Out(i), 0)
		}
		c.check(decoding)
		return results
	}))
}

func (d *decoding) decodeInterface(n *node, t reflect.Type, target reflect.Value, depth int) {
	if n.Dyn == "" || n.Value == nil {
		d.brk("an interface without its type")
		return
	}
	dynamic, err := d.c.typeOf(n.Dyn)
	if err != nil {
		d.standIn(n, t, target, depth)
		return
	}
	if !dynamic.AssignableTo(t) {
		d.brk("a value of a type that is not assignable here")
		return
	}
	value := d.decode(n.Value, dynamic, depth+1)
	if d.broken == "" {
		target.Set(value)
	}
}

// standIn is what stands here for a value of a type this side does not have.
func (d *decoding) standIn(n *node, t reflect.Type, target reflect.Value, depth int) {
	var made any
	if n.IsErr {
		message := ""
		if n.Msg != nil {
			message = *n.Msg
		}
		remote := RemoteError{TypeName: n.Dyn, Message: message}
		for _, inner := range n.Wraps {
			value := d.decode(inner, reflect.TypeOf((*error)(nil)).Elem(), depth+1)
			if err, ok := value.Interface().(error); ok && err != nil && remote.Wrapped == nil {
				remote.Wrapped = err
			}
		}
		if n.RtErr {
			made = &RemoteRuntimeError{remote}
		} else {
			made = &remote
		}
	} else {
		made = &RemoteValue{TypeName: n.Dyn}
	}
	if !reflect.TypeOf(made).AssignableTo(t) {
		if d.err == nil {
			d.err = fmt.Errorf("a %s, a type this side does not have", n.Dyn)
		}
		return
	}
	target.Set(reflect.ValueOf(made))
}

// typeOf is the type named name (as typeName writes it): one of the module's, the standard
// library's known here, or made of them (*T, []T, [N]T, map[K]V).
func (c *channel) typeOf(name string) (reflect.Type, error) {
	if t, ok := knownType(name); ok {
		return t, nil
	}
	switch {
	case strings.HasPrefix(name, "*"):
		inner, err := c.typeOf(name[1:])
		if err != nil {
			return nil, err
		}
		return reflect.PointerTo(inner), nil
	case strings.HasPrefix(name, "[]"):
		inner, err := c.typeOf(name[2:])
		if err != nil {
			return nil, err
		}
		return reflect.SliceOf(inner), nil
	case strings.HasPrefix(name, "["):
		end := strings.Index(name, "]")
		length, err := strconv.Atoi(name[1:larger(end, 1)])
		if end < 0 || err != nil || length < 0 || length > maxNodes {
			return nil, fmt.Errorf("no type %q", name)
		}
		inner, err := c.typeOf(name[end+1:])
		if err != nil {
			return nil, err
		}
		return reflect.ArrayOf(length, inner), nil
	case strings.HasPrefix(name, "map["):
		key, rest, ok := splitMapKey(name[4:])
		if !ok {
			return nil, fmt.Errorf("no type %q", name)
		}
		k, err := c.typeOf(key)
		if err != nil {
			return nil, err
		}
		v, err := c.typeOf(rest)
		if err != nil {
			return nil, err
		}
		if !k.Comparable() {
			return nil, fmt.Errorf("no type %q", name)
		}
		return reflect.MapOf(k, v), nil
	}
	return nil, fmt.Errorf("no type %q", name)
}

func larger(a, b int) int {
	if a > b {
		return a
	}
	return b
}

// splitMapKey splits "K]V" at the bracket that closes the key.
func splitMapKey(s string) (string, string, bool) {
	depth := 0
	for i, r := range s {
		switch r {
		case '[':
			depth++
		case ']':
			if depth == 0 {
				return s[:i], s[i+1:], true
			}
			depth--
		}
	}
	return "", "", false
}

// remoteName is the name typed.go records a stand-in under: its type's in the candidate's
// program.
func remoteName(v any) (string, bool) {
	switch r := v.(type) {
	case *RemoteError:
		return r.TypeName, true
	case *RemoteRuntimeError:
		return r.TypeName, true
	case *RemoteValue:
		return r.TypeName, true
	}
	return "", false
}
