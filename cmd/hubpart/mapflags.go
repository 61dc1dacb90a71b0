package main

import (
	"flag"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/hubpart/hubpart/export"
)

// mapFlags are the static map's flags, shared by partition and demo.
type mapFlags struct {
	title, attribution string
	insetLabel         string // column naming the insets
	insets, width      int
}

func (mf *mapFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&mf.title, "title", "", "map `title` (default: the counts, e.g. \"6,658 practices in 1,517 hubs and 396 areas\")")
	fs.StringVar(&mf.attribution, "attribution", "", "attribution `line` at the foot of the map, e.g. the data's licence (default: the data's source, such as the input file, and hubpart)")
	fs.StringVar(&mf.insetLabel, "inset-label", "", "`column` of the practices naming the map's insets by their central hub site (default: a town column if the input has one, else the practice name)")
	fs.IntVar(&mf.width, "map-width", 1200, "width of the SVG and PNG maps in `pixels`")
	fs.IntVar(&mf.insets, "insets", 0, "largest `number` of magnified insets of crowded places on the map (0: up to 6; -1: none)")
}

// check rejects map flags no picture can honour.
func (mf *mapFlags) check() error {
	if mf.width < 200 || mf.width > 20000 {
		return fmt.Errorf("-map-width %d: want 200 to 20,000 pixels", mf.width)
	}
	if mf.insets < -1 || mf.insets > 20 {
		return fmt.Errorf("-insets %d: want -1 (none), 0 (up to 6) or up to 20", mf.insets)
	}
	return nil
}

// columns are the input columns the map flags need kept.
func (mf *mapFlags) columns() []string {
	if mf.insetLabel == "" {
		return nil
	}
	return []string{mf.insetLabel}
}

// mapTitle is -title, or a title from the result's counts.
func (j *job) mapTitle() string {
	if j.mapf.title != "" {
		return j.mapf.title
	}
	if j.title != "" || j.res == nil {
		return j.title
	}
	var parts []string
	for _, q := range j.res.Quality {
		parts = append(parts, fmt.Sprintf("%s %ss", thousands(q.Groups), q.Level))
	}
	return fmt.Sprintf("%s practices in %s", thousands(len(j.practices)), strings.Join(parts, " and "))
}

// credit is the data's credit line on the maps without -attribution: the
// demo's, or the practices file's name ("" when there is none).
func (j *job) credit() string {
	switch {
	case j.dataCredit != "":
		return j.dataCredit
	case j.inputName != "":
		return "Practices: " + filepath.Base(j.inputName) + "."
	}
	return ""
}

// mapOptions are the options of the SVG and PNG maps.
func (j *job) mapOptions() export.MapOptions {
	mo := export.MapOptions{Title: j.mapTitle(), Summary: summaryLines(j.res), Attribution: j.mapf.attribution, Insets: j.mapf.insets, Width: j.mapf.width}
	if mo.Attribution == "" {
		mo.Attribution = strings.TrimSpace(j.credit() + " Map made with hubpart")
	}
	if col := j.mapf.insetLabel; col != "" {
		mo.InsetLabel = func(p *export.Practice) string {
			for _, q := range p.Props {
				if strings.EqualFold(q.Key, col) {
					if v, ok := q.Value.(string); ok && v != "" {
						return v
					}
				}
			}
			return p.Name
		}
	}
	return mo
}
