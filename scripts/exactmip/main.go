// Command exactmip solves the hub problem exactly on the small real regions
// of internal/regions with the CBC MIP solver (Debian package coinor-cbc),
// for comparison with hubpart's search (issue 14).
//
// The model is a capacitated p-median on the region's sites with
// contiguity cuts: x[i][j] = 1 when site i belongs to the hub whose hub
// site is j (x[j][j] = 1: j is a hub site);
//
//	minimise   Σ w_i·d_ij·x_ij                (patient-weighted planar metres)
//	subject to Σ_j x_ij = 1                   every site in one hub
//	           x_ij ≤ x_jj                    only open hub sites
//	           Σ_j x_jj = k                   k hubs
//	           Min·x_jj ≤ Σ_i w_i·x_ij ≤ Max·x_jj
//	           x_ij ≤ Σ_{l ∈ N(i)} x_lj       (i ≠ j not adjacent to j: i has a neighbour in its hub)
//	           x_ij ≤ Σ_{l ∈ N(C)} x_lj       for every i in C, for sets C found disconnected
//
// solved, checked for contiguity, cut, and re-solved until every hub is
// contiguous: then the solution is optimal for the contiguous problem,
// since every cut is valid for contiguous hubs. Because the medoid is the
// cheapest member, min over hub sites of the sum is exactly hubpart's
// objective. k is hubpart's own count for the region (a default run,
// seed 1), unless -k is given.
//
// Usage:
//
//	go run ./scripts/exactmip [-region NAME] [-k K] [-out testdata/exact/optima.csv] [-sec 600]
//
// It prints one line per region and writes region,practices,sites,k,
// patients,optimum,mean_m,cuts,rounds,seconds,status to -out.
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/hubpart/hubpart/graph"
	"github.com/hubpart/hubpart/input"
	"github.com/hubpart/hubpart/internal/regions"
	"github.com/hubpart/hubpart/partition"
)

func main() {
	only := flag.String("region", "", "solve only this region (default: all)")
	kFlag := flag.Int("k", 0, "number of hubs (0: hubpart's default count for the region)")
	out := flag.String("out", "", "write the results as CSV to this file")
	sec := flag.Int("sec", 1200, "CBC time limit per solve, seconds")
	minW := flag.Int64("min", 30000, "smallest hub, patients")
	maxW := flag.Int64("max", 50000, "largest hub, patients")
	flag.Parse()
	if _, err := exec.LookPath("cbc"); err != nil {
		fmt.Fprintln(os.Stderr, "exactmip: needs cbc (apt-get install coinor-cbc)")
		os.Exit(1)
	}
	var rows []string
	for _, r := range regions.All {
		if *only != "" && !strings.EqualFold(r.Name, *only) {
			continue
		}
		row, err := solve(r, *kFlag, *minW, *maxW, *sec)
		if err != nil {
			fmt.Fprintf(os.Stderr, "exactmip: %s: %v\n", r.Name, err)
			os.Exit(1)
		}
		fmt.Println(row)
		rows = append(rows, row)
	}
	if *out != "" {
		if err := os.MkdirAll(filepath.Dir(*out), 0o755); err != nil {
			fmt.Fprintln(os.Stderr, "exactmip:", err)
			os.Exit(1)
		}
		text := "region,practices,sites,k,patients,optimum,mean_m,cuts,rounds,seconds,status\n" + strings.Join(rows, "\n") + "\n"
		if err := os.WriteFile(*out, []byte(text), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "exactmip:", err)
			os.Exit(1)
		}
	}
}

type model struct {
	n      int
	w      []float64 // site weights
	d      [][]float64
	adj    [][]int32
	k      int
	lo, hi int64
	cuts   []string // contiguity cut rows
	ncuts  int
}

func solve(r regions.Region, k int, lo, hi int64, sec int) (string, error) {
	ctx := context.Background()
	g, ps, err := regions.Load(ctx, r)
	if err != nil {
		return "", err
	}
	if k == 0 {
		res, err := partition.Run(ctx, g, ps, []partition.Level{{Name: "hub", Min: lo, Max: hi}}, partition.WithSeed(1))
		if err != nil {
			return "", err
		}
		k = len(res.Groups[0])
	}
	m := newModel(g, ps, k, lo, hi)
	start := time.Now()
	dir, err := os.MkdirTemp("", "exactmip")
	if err != nil {
		return "", err
	}
	defer func() {
		if os.Getenv("EXACTMIP_KEEP") == "" {
			os.RemoveAll(dir)
		}
	}()
	var obj float64
	var status string
	rounds := 0
	for {
		rounds++
		x, o, st, err := m.run(dir, sec)
		if err != nil {
			return "", err
		}
		obj, status = o, st
		if st != "optimal" {
			break
		}
		if m.cut(x) == 0 {
			break
		}
	}
	var W float64
	for _, p := range ps {
		W += float64(p.Patients)
	}
	return fmt.Sprintf("%s,%d,%d,%d,%.0f,%.0f,%.1f,%d,%d,%.1f,%s", r.Name, len(ps), g.N(), k, W, obj, obj/W,
		m.ncuts, rounds, time.Since(start).Seconds(), status), nil
}

func newModel(g *graph.Graph, ps []input.Practice, k int, lo, hi int64) *model {
	n := g.N()
	m := &model{n: n, w: make([]float64, n), d: make([][]float64, n), adj: make([][]int32, n), k: k, lo: lo, hi: hi}
	site := g.SiteOf()
	for p := range ps {
		m.w[site[p]] += float64(ps[p].Patients)
	}
	for i := range n {
		m.d[i] = make([]float64, n)
		for j := range n {
			m.d[i][j] = math.Hypot(g.XY[i][0]-g.XY[j][0], g.XY[i][1]-g.XY[j][1])
		}
		m.adj[i] = slices.Clone(g.Neighbors(i))
	}
	return m
}

func xn(i, j int) string { return fmt.Sprintf("x_%d_%d", i, j) }

// write writes the model in CPLEX LP format.
func (m *model) write(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	b := bufio.NewWriter(f)
	fmt.Fprintln(b, "Minimize\n obj:")
	for i := range m.n {
		for j := range m.n {
			if c := m.w[i] * m.d[i][j]; c != 0 {
				fmt.Fprintf(b, " + %.3f %s\n", c, xn(i, j))
			}
		}
	}
	fmt.Fprintln(b, "Subject To")
	for i := range m.n {
		fmt.Fprintf(b, " a%d:", i)
		for j := range m.n {
			fmt.Fprintf(b, " + %s", xn(i, j))
		}
		fmt.Fprintln(b, " = 1")
	}
	for j := range m.n {
		for i := range m.n {
			if i != j {
				fmt.Fprintf(b, " o%d_%d: %s - %s <= 0\n", i, j, xn(i, j), xn(j, j))
			}
		}
	}
	fmt.Fprint(b, " k:")
	for j := range m.n {
		fmt.Fprintf(b, " + %s", xn(j, j))
	}
	fmt.Fprintf(b, " = %d\n", m.k)
	for j := range m.n {
		for _, c := range []struct {
			name  string
			bound int64
			sense string
		}{{"lo", m.lo, ">="}, {"hi", m.hi, "<="}} {
			fmt.Fprintf(b, " %s%d:", c.name, j)
			for i := range m.n {
				coef := m.w[i]
				if i == j {
					coef -= float64(c.bound) // x_jj: its own weight less the bound
				}
				fmt.Fprintf(b, " %+.0f %s", coef, xn(i, j))
			}
			fmt.Fprintf(b, " %s 0\n", c.sense)
		}
	}
	for i := range m.n {
		for j := range m.n {
			if i == j || slices.Contains(m.adj[i], int32(j)) {
				continue
			}
			fmt.Fprintf(b, " nb%d_%d: %s", i, j, xn(i, j))
			for _, l := range m.adj[i] {
				fmt.Fprintf(b, " - %s", xn(int(l), j))
			}
			fmt.Fprintln(b, " <= 0")
		}
	}
	for _, c := range m.cuts {
		fmt.Fprintln(b, c)
	}
	fmt.Fprintln(b, "Binary")
	for i := range m.n {
		for j := range m.n {
			fmt.Fprintf(b, " %s\n", xn(i, j))
		}
	}
	fmt.Fprintln(b, "End")
	if err := b.Flush(); err != nil {
		return err
	}
	return f.Close()
}

// run solves the current model and returns the hub site of every site.
func (m *model) run(dir string, sec int) ([]int, float64, string, error) {
	lp, sol := filepath.Join(dir, "m.lp"), filepath.Join(dir, "m.sol")
	if err := m.write(lp); err != nil {
		return nil, 0, "", err
	}
	cmd := exec.Command("cbc", lp, "sec", strconv.Itoa(sec), "threads", "1", "solve", "solu", sol)
	if outp, err := cmd.CombinedOutput(); err != nil {
		return nil, 0, "", fmt.Errorf("cbc: %v: %s", err, outp)
	}
	f, err := os.Open(sol)
	if err != nil {
		return nil, 0, "", err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	x := make([]int, m.n)
	for i := range x {
		x[i] = -1
	}
	var obj float64
	status := "unknown"
	first := true
	for sc.Scan() {
		line := sc.Text()
		if first {
			first = false
			switch {
			case strings.HasPrefix(line, "Optimal"):
				status = "optimal"
			case strings.Contains(line, "infeasible"):
				return nil, 0, "infeasible", nil
			default:
				status = "stopped: " + strings.Fields(line)[0]
			}
			if i := strings.LastIndex(line, "objective value"); i >= 0 {
				obj, _ = strconv.ParseFloat(strings.TrimSpace(line[i+len("objective value"):]), 64)
			}
			continue
		}
		fs := strings.Fields(line)
		if len(fs) < 3 || !strings.HasPrefix(fs[1], "x_") {
			continue
		}
		v, _ := strconv.ParseFloat(fs[2], 64)
		if v < 0.5 {
			continue
		}
		var i, j int
		fmt.Sscanf(fs[1], "x_%d_%d", &i, &j)
		x[i] = j
	}
	return x, obj, status, sc.Err()
}

// cut adds a contiguity cut for every part of a hub not connected to its
// hub site and returns how many were added.
func (m *model) cut(x []int) int {
	added := 0
	for j := range m.n {
		if x[j] != j {
			continue
		}
		in := make([]bool, m.n)
		for i := range m.n {
			in[i] = x[i] == j
		}
		seen := make([]bool, m.n)
		mark := func(s int) []int {
			comp := []int{s}
			seen[s] = true
			for q := 0; q < len(comp); q++ {
				for _, u := range m.adj[comp[q]] {
					if in[u] && !seen[u] {
						seen[u] = true
						comp = append(comp, int(u))
					}
				}
			}
			return comp
		}
		mark(j)
		for s := range m.n {
			if !in[s] || seen[s] {
				continue
			}
			comp := mark(s)
			inC := make([]bool, m.n)
			for _, v := range comp {
				inC[v] = true
			}
			var nbr []int
			for _, v := range comp {
				for _, u := range m.adj[v] {
					if !inC[u] && !slices.Contains(nbr, int(u)) {
						nbr = append(nbr, int(u))
					}
				}
			}
			// the cut holds for every hub site outside C, not only j
			for jj := range m.n {
				if inC[jj] {
					continue
				}
				for _, i := range comp {
					var b strings.Builder
					fmt.Fprintf(&b, " c%d: %s", m.ncuts, xn(i, jj))
					for _, l := range nbr {
						if l != jj {
							fmt.Fprintf(&b, " - %s", xn(l, jj))
						} else {
							fmt.Fprintf(&b, " - %s", xn(jj, jj))
						}
					}
					b.WriteString(" <= 0")
					m.cuts = append(m.cuts, b.String())
					m.ncuts++
					added++
				}
			}
		}
	}
	return added
}
