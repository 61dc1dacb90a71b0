package partition

import (
	"fmt"
	"io"
	"text/tabwriter"
)

// Report writes a human-readable quality report: per level the number of
// groups, how many are within bounds and contiguous, the patient-weighted
// mean / p95 / max distance from practice to hub site, the smallest and
// largest group, the coterminosity of aligned levels (WithAlign), every
// group out of bounds with its reason, then the notes
// and the per-stage timings.
func (r *Result) Report(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "level\tbounds\tgroups\tin bounds\tcontiguous\tmean km\tp95 km\tmax km\tmin size\tmax size")
	for l, q := range r.Quality {
		lvl := r.Levels[l]
		fmt.Fprintf(tw, "%s\t[%s, %s]\t%s\t%s\t%s\t%.2f\t%.2f\t%.1f\t%s\t%s\n", q.Level, num(lvl.Min), num(orInf(lvl.Max)),
			num(int64(q.Groups)), num(int64(q.InBounds)), num(int64(q.Contiguous)), q.MeanKm, q.P95Km, q.MaxKm, num(q.MinSize), num(q.MaxSize))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for l, c := range r.Coterminosity {
		if c != nil {
			if err := c.WriteSummary(w, r.Levels[l].Name, 10); err != nil {
				return err
			}
		}
	}
	for l, gs := range r.Groups {
		name := r.Levels[l].Name
		for i := range gs {
			if g := &gs[i]; g.Status != StatusOK {
				if _, err := fmt.Fprintf(w, "%s %d: %s, %s patients, %s: %s\n", name, g.ID, g.Status, num(g.Patients), count(len(g.Members), "practice"), g.Reason); err != nil {
					return err
				}
			}
		}
	}
	if r.Change != nil {
		if _, err := fmt.Fprintln(w, "change from the initial configuration (hubs):"); err != nil {
			return err
		}
		if err := r.Change.Summary.WriteReport(w); err != nil {
			return err
		}
	}
	for _, n := range r.Notes {
		if _, err := fmt.Fprintf(w, "note: %s\n", n); err != nil {
			return err
		}
	}
	if len(r.Timings) > 0 {
		if _, err := fmt.Fprint(w, "timings:"); err != nil {
			return err
		}
		for _, t := range r.Timings {
			fmt.Fprintf(w, " %s %v;", t.Stage, t.Duration.Round(10_000))
		}
		_, err := fmt.Fprintln(w)
		return err
	}
	return nil
}
