package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/hubpart/hubpart/epcn"
	"github.com/hubpart/hubpart/input"
	"github.com/hubpart/hubpart/postcode"
)

// nhsFlags bring in the NHS files as published: a postcode lookup that
// locates practices without coordinates (the list-size file), and the ePCN
// file whose practice-to-PCN membership on a date becomes the column
// pcn_code (and pcn_name).
type nhsFlags struct {
	postcodes, pcns, asAt string
	date                  time.Time // parsed asAt
}

// The columns -pcns adds to every practice.
const (
	pcnCodeColumn = "pcn_code"
	pcnNameColumn = "pcn_name"
)

func (f *nhsFlags) register(fs *flag.FlagSet) {
	f.registerPostcodes(fs)
	fs.StringVar(&f.pcns, "pcns", "", "ePCN `file` (the .xlsx as published, or its PCN Core Partner Details sheet as .csv): adds the columns pcn_code and pcn_name as on -as-at, replacing any in -in")
	fs.StringVar(&f.asAt, "as-at", "", "`date` (YYYY-MM-DD) on which -pcns membership is taken")
}

// registerPostcodes registers -postcodes alone (for commands without use
// for PCNs).
func (f *nhsFlags) registerPostcodes(fs *flag.FlagSet) {
	fs.StringVar(&f.postcodes, "postcodes", "", "postcode lookup `file` (.csv or .csv.gz: ONS Postcode Directory, OS Code-Point Open, or postcode,lat,lon) locating practices without coordinates by their postcode")
}

// check validates the flags before any file is read.
func (f *nhsFlags) check() error {
	if (f.pcns == "") != (f.asAt == "") {
		return fmt.Errorf("-pcns and -as-at go together: give both or neither")
	}
	if f.asAt != "" {
		d, err := epcn.ParseDate(f.asAt)
		if err != nil {
			return fmt.Errorf("-as-at %s: want a date such as 2021-01-01", f.asAt)
		}
		f.date = d
	}
	return nil
}

// inputs are the flag, path pairs that outputs may not overwrite.
func (f *nhsFlags) inputs() []string {
	return []string{"-postcodes", f.postcodes, "-pcns", f.pcns}
}

// keep drops the columns -pcns supplies from the columns the reader must
// find in -in.
func (f *nhsFlags) keep(cols []string) []string {
	if f.pcns == "" {
		return cols
	}
	return slices.DeleteFunc(cols, func(c string) bool {
		c = strings.ToLower(strings.TrimSpace(c))
		return c == pcnCodeColumn || c == pcnNameColumn
	})
}

// readOptions loads the postcode lookup, if asked for, and returns the
// reader option that uses it.
func (f *nhsFlags) readOptions(ctx context.Context, prog *progress) ([]input.ReadOption, *postcode.Table, error) {
	if f.postcodes == "" {
		return nil, nil, nil
	}
	prog.Report("read postcodes", 0, 0)
	t, err := postcode.ReadFile(ctx, f.postcodes)
	if err != nil {
		return nil, nil, err
	}
	return []input.ReadOption{input.LocateByPostcode(t)}, t, nil
}

// apply joins the PCN membership into ps (and gives practices without a
// name the one ePCN records for them) and writes what was located and
// joined to w: how many practices were placed by postcode, each practice
// that fell back to a sector or district centre, and the practices in no
// PCN on the date.
func (f *nhsFlags) apply(ps []input.Practice, t *postcode.Table, w io.Writer) error {
	if t != nil {
		reportLocated(w, ps, t)
	}
	if f.pcns == "" {
		return nil
	}
	ms, err := epcn.ReadFile(f.pcns)
	if err != nil {
		return err
	}
	at, err := epcn.AsAt(ms, f.date)
	if err != nil {
		return fmt.Errorf("%s: %w", f.pcns, err)
	}
	names := epcn.Names(ms)
	named := 0
	pcns := make(map[string]bool)
	var none []string
	var nonePatients int64
	for i := range ps {
		p := &ps[i]
		m, ok := at[p.Code]
		if p.Attrs == nil {
			p.Attrs = make(map[string]string, 2)
		}
		p.Attrs[pcnCodeColumn], p.Attrs[pcnNameColumn] = m.PCN, m.PCNName
		if n, ok := names[p.Code]; ok && p.Name == "" {
			p.Name = n
			named++
		}
		if ok {
			pcns[m.PCN] = true
		} else {
			none = append(none, p.Code)
			nonePatients += p.Patients
		}
	}
	fmt.Fprintf(w, "pcn_code from %s as at %s: %s in %s; %s (%s patients) in none\n",
		safeText(f.pcns), f.date.Format(time.DateOnly), counted(len(ps)-len(none), "practice"), counted(len(pcns), "PCN"),
		counted(len(none), "practice"), thousands(nonePatients))
	writeWrapped(w, "  in no PCN: ", none)
	if named > 0 {
		fmt.Fprintf(w, "names of %s without one taken from the ePCN file\n", counted(named, "practice"))
	}
	return nil
}

// reportLocated writes how the practices were located, listing each one
// placed at a sector or district centre.
func reportLocated(w io.Writer, ps []input.Practice, t *postcode.Table) {
	var count [input.ByDistrict + 1]int
	var fallbackPatients int64
	for i := range ps {
		count[ps[i].Located]++
		if ps[i].Located.Fallback() {
			fallbackPatients += ps[i].Patients
		}
	}
	fmt.Fprintf(w, "located %s: %s by their postcode, %s at their sector's centre, %s at their district's centre",
		counted(len(ps), "practice"), thousands(count[input.ByPostcode]), thousands(count[input.BySector]), thousands(count[input.ByDistrict]))
	if n := count[input.ByCoordinates]; n > 0 {
		fmt.Fprintf(w, ", %s by the coordinates given", thousands(n))
	}
	fmt.Fprintf(w, " (lookup: %s postcodes, %s)\n", thousands(t.Len()), t.Format())
	if count[input.BySector]+count[input.ByDistrict] == 0 {
		return
	}
	fmt.Fprintf(w, "postcodes not in the lookup (%s, %s patients; column located):\n",
		counted(count[input.BySector]+count[input.ByDistrict], "practice"), thousands(fallbackPatients))
	for i := range ps {
		p := &ps[i]
		if !p.Located.Fallback() {
			continue
		}
		area, _ := postcode.Sector(p.Postcode)
		if p.Located == input.ByDistrict {
			area, _ = postcode.District(p.Postcode)
		}
		fmt.Fprintf(w, "  %s %s: %s %s\n", safeText(p.Code), p.Postcode, p.Located, area)
	}
}

// writeWrapped writes items after prefix, comma-separated, in lines of
// about 100 characters.
func writeWrapped(w io.Writer, prefix string, items []string) {
	if len(items) == 0 {
		return
	}
	line := prefix
	for i, it := range items {
		s := safeText(it)
		if i < len(items)-1 {
			s += ","
		}
		if len(line)+len(s) > 100 && line != prefix {
			fmt.Fprintln(w, line)
			line = strings.Repeat(" ", len(prefix))
		}
		if line != prefix && !strings.HasSuffix(line, " ") {
			line += " "
		}
		line += s
	}
	fmt.Fprintln(w, line)
}

// counted writes n and the noun, plural unless n is 1: "1 practice",
// "6,658 practices".
func counted(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return thousands(n) + " " + noun + "s"
}
