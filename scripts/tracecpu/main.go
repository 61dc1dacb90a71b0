// Command tracecpu reads a Go execution trace taken with CPU profiling on
// (go test -trace T -cpuprofile P) and says where a run left a CPU idle.
//
//	tracecpu T          CPU samples taken while one goroutine ran, by call path
//	tracecpu -w 10ms T  per window of the trace: cores busy, and the
//	                    functions of hubpart most sampled in it
//
// The first form lists, for every CPU sample taken while only one goroutine
// was running, its call path (outermost hubpart frames first): the code
// that runs on one core while the other is idle. Each sample stands for
// 10 ms of CPU (the profiler's rate). It is a separate module, so that the
// trace reader (golang.org/x/exp/trace) is not a dependency of hubpart.
//
//	cd cmd/hubpart && go test -run '^$' -bench 'EndToEndEnglandOutputs$' -benchtime 40x -trace /tmp/t -cpuprofile /tmp/p
//	cd scripts/tracecpu && go run . /tmp/t
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"golang.org/x/exp/trace"
)

func main() {
	win := flag.Duration("w", 0, "print per `window` of this length instead")
	rows := flag.Int("n", 30, "call paths to list")
	keep := flag.Int("depth", 5, "hubpart frames of each call path, outermost first")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: tracecpu [-w window] [-n rows] [-depth frames] trace")
		os.Exit(2)
	}
	f, err := os.Open(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, "tracecpu:", err)
		os.Exit(1)
	}
	defer f.Close()
	r, err := trace.NewReader(f)
	if err != nil {
		fmt.Fprintln(os.Stderr, "tracecpu:", err)
		os.Exit(1)
	}
	a := &analysis{win: *win, keep: *keep, running: map[trace.GoID]trace.Time{},
		busy: map[int64]time.Duration{}, inWin: map[int64]map[string]int{}, paths: map[string]int{}}
	for {
		ev, err := r.ReadEvent()
		if err == io.EOF {
			break
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "tracecpu:", err)
			os.Exit(1)
		}
		a.event(ev)
	}
	if *win > 0 {
		a.printWindows()
	} else {
		a.printPaths(*rows)
	}
}

type analysis struct {
	win     time.Duration
	keep    int
	t0      trace.Time
	last    time.Duration
	running map[trace.GoID]trace.Time // running goroutines, since when
	busy    map[int64]time.Duration   // per window: goroutine running time
	inWin   map[int64]map[string]int  // per window: samples by function
	paths   map[string]int            // one-goroutine samples by call path
	samples int
	serial  int
}

func (a *analysis) event(ev trace.Event) {
	if a.t0 == 0 {
		a.t0 = ev.Time()
	}
	rel := time.Duration(ev.Time() - a.t0)
	a.last = max(a.last, rel)
	switch ev.Kind() {
	case trace.EventStateTransition:
		st := ev.StateTransition()
		if st.Resource.Kind != trace.ResourceGoroutine {
			return
		}
		id := st.Resource.Goroutine()
		from, to := st.Goroutine()
		if to == trace.GoRunning {
			a.running[id] = ev.Time()
		} else if from == trace.GoRunning {
			if s, ok := a.running[id]; ok {
				a.addBusy(time.Duration(s-a.t0), rel)
				delete(a.running, id)
			}
		}
	case trace.EventStackSample:
		a.samples++
		var names []string // innermost first
		for fr := range ev.Stack().Frames() {
			if strings.Contains(fr.Func, "hubpart/") {
				names = append(names, fr.Func[strings.LastIndex(fr.Func, "/")+1:])
			}
		}
		if a.win > 0 {
			w := int64(rel / a.win)
			if a.inWin[w] == nil {
				a.inWin[w] = map[string]int{}
			}
			leaf := "(runtime)"
			if len(names) > 0 {
				leaf = names[0]
			}
			a.inWin[w][leaf]++
		}
		if len(a.running) <= 1 {
			a.serial++
			var path []string
			for i := len(names) - 1; i >= 0 && len(path) < a.keep; i-- {
				path = append(path, names[i])
			}
			if len(path) == 0 {
				path = []string{"(no hubpart frame: the runtime, the collector)"}
			}
			a.paths[strings.Join(path, " > ")]++
		}
	}
}

// addBusy adds the running interval [from, to) to the windows it spans.
func (a *analysis) addBusy(from, to time.Duration) {
	if a.win <= 0 {
		return
	}
	for from < to {
		w := int64(from / a.win)
		end := min(to, time.Duration(w+1)*a.win)
		a.busy[w] += end - from
		from = end
	}
}

func (a *analysis) printPaths(rows int) {
	fmt.Printf("%d CPU samples, %d taken while one goroutine ran\n", a.samples, a.serial)
	for _, kv := range top(a.paths, rows) {
		fmt.Printf("%6d  %s\n", kv.n, kv.k)
	}
}

func (a *analysis) printWindows() {
	for w := int64(0); time.Duration(w)*a.win <= a.last; w++ {
		var s []string
		for _, kv := range top(a.inWin[w], 3) {
			s = append(s, fmt.Sprintf("%s:%d", kv.k, kv.n))
		}
		fmt.Printf("%10v  %.2f  %s\n", time.Duration(w)*a.win, float64(a.busy[w])/float64(a.win), strings.Join(s, " "))
	}
}

type count struct {
	k string
	n int
}

func top(m map[string]int, n int) []count {
	var out []count
	for k, v := range m {
		out = append(out, count{k, v})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].n != out[j].n {
			return out[i].n > out[j].n
		}
		return out[i].k < out[j].k
	})
	return out[:min(n, len(out))]
}
