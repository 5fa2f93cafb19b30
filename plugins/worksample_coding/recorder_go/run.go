package cases

// The cases' program's main, built by runner.py with the hidden cases and a stand-in of the
// code under test (stubgen.go, remote.go):
//
//	argv: [program, RECORDS_FD, CONFIG_JSON, CASE, CHANNEL_IN, CHANNEL_OUT]
//
// It writes the runners' records (worksample/sandbox/records.py) on RECORDS_FD, a pipe that
// runner.py reads: "collected" with every case's id, then the "test" record of case number
// CASE, and exits. runner.py starts it, and the candidate's program it calls over the channel
// (CHANNEL_IN, CHANNEL_OUT), once per case, so every case starts from the same state (the
// package's init run, nothing else), in the reference's run as in the candidate's, and a
// crash or a hang costs one case only; a start of both costs a few milliseconds. The case
// runs in a goroutine under the per-case time limit; a goroutine cannot be stopped, so a
// case over the limit is recorded as timed out and the program exits with TimedOutExit. A
// channel lost (the candidate's program ended, or broke the protocol) ends it with
// LostExit, and runner.py records why. It decides nothing, and none of the candidate's code
// runs in it: what it records is what that code answered to the calls the cases made.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"time"
)

// TimedOutExit is the exit code after a case went over the per-case time limit.
const TimedOutExit = 3

type config struct {
	PerCaseSeconds float64 `json:"per_case_seconds"`
	MaxLine        int     `json:"max_line"`
	MessageChars   int     `json:"message_chars"`
}

type program struct {
	out    *os.File
	config config
}

// Main runs the registered cases; the generated main package calls it.
func Main() {
	if len(os.Args) != 6 && len(os.Args) != 4 { // no channel: the cases call no code under test
		fmt.Fprintln(os.Stderr, "usage: cases RECORDS_FD CONFIG_JSON CASE CHANNEL_IN CHANNEL_OUT "+
			"(runner.py starts this)")
		os.Exit(2)
	}
	connectCases()
	fd, err1 := strconv.Atoi(os.Args[1])
	index, err2 := strconv.Atoi(os.Args[3])
	p := program{out: os.NewFile(uintptr(fd), "records")}
	err3 := json.Unmarshal([]byte(os.Args[2]), &p.config)
	if err1 != nil || err2 != nil || err3 != nil || p.out == nil || p.config.PerCaseSeconds <= 0 {
		fmt.Fprintln(os.Stderr, "cases: bad arguments", os.Args[1:])
		os.Exit(2)
	}
	collected := make([]string, len(registry))
	for i, c := range registry {
		collected[i] = c.id
	}
	p.send(map[string]any{"event": "collected", "ids": collected})
	if index >= 0 && index < len(registry) {
		p.run(registry[index])
	}
	os.Exit(0)
}

type stop struct{ value any }

func (p *program) run(c registered) {
	record := &Recorder{}
	stopped := make(chan *stop, 1)
	go func() {
		returned := false
		defer func() {
			if returned {
				stopped <- nil
			} else {
				stopped <- &stop{recover()}
			}
		}()
		c.run(record)
		returned = true
	}()
	limit := time.Duration(p.config.PerCaseSeconds * float64(time.Second))
	timer := time.NewTimer(limit)
	select {
	case s := <-stopped:
		timer.Stop()
		observations := record.taken()
		if s != nil {
			observations = append(observations, map[string]any{
				"label": CaseItself, "value": record.panicked(s.value)})
		}
		p.sendCase(c, observations)
	case <-timer.C:
		observations := append(record.taken(), map[string]any{"label": CaseItself,
			"value": unrecorded(fmt.Sprintf("the case took longer than %gs", p.config.PerCaseSeconds))})
		p.sendCase(c, observations)
		os.Exit(TimedOutExit)
	}
}

func (p *program) sendCase(c registered, observations []map[string]any) {
	record := map[string]any{"event": "test", "id": c.id, "weight": c.weight,
		"observations": observations}
	if c.criterion != "" {
		record["criterion"] = c.criterion
	}
	line, err := encode(record)
	if err != nil || len(line) > p.config.MaxLine {
		why := fmt.Sprintf("the case recorded more than %d bytes", p.config.MaxLine)
		if err != nil {
			why = "the recording could not be written as JSON"
		}
		record["observations"] = []map[string]any{{"label": "(recording)", "value": unrecorded(why)}}
	}
	p.send(record)
}

func (p *program) send(record map[string]any) {
	line, err := encode(record)
	if err != nil {
		fmt.Fprintln(os.Stderr, "cases: cannot write a record:", err)
		os.Exit(2)
	}
	if _, err := p.out.Write(append(line, '\n')); err != nil {
		os.Exit(2)
	}
}

func encode(record map[string]any) ([]byte, error) {
	var buffer bytes.Buffer
	encoder := json.NewEncoder(&buffer)
	encoder.SetEscapeHTML(false)
	if err := encoder.Encode(record); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buffer.Bytes(), []byte("\n")), nil
}
