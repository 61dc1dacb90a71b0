package main

import (
	"errors"
	"strings"

	"github.com/hubpart/hubpart/export"
	"github.com/hubpart/hubpart/input"
)

// searchColumns are input columns the interactive map searches when the
// practices file has them (practices_full.csv has "postcode"); they are
// kept, and so also reach the GeoJSON practices, only when present.
var searchColumns = []string{"postcode"}

// readForMap reads the practices as read would, keeping also the columns of
// searchColumns that the file has and keep does not already name. A file
// without them reads exactly as before.
func readForMap(path string, keep []string, opts []input.ReadOption, read func(string, ...input.ReadOption) ([]input.Practice, error)) ([]input.Practice, error) {
	var extra []string
	for _, c := range searchColumns {
		if !containsFold(keep, c) {
			extra = append(extra, c)
		}
	}
	if len(extra) == 0 {
		return read(path, withKeep(opts, keep)...)
	}
	ps, err := read(path, withKeep(opts, append(append([]string(nil), keep...), extra...))...)
	if err != nil && onlyMissing(err, extra) {
		return read(path, withKeep(opts, keep)...)
	}
	return ps, err
}

func withKeep(opts []input.ReadOption, keep []string) []input.ReadOption {
	if len(keep) == 0 {
		return opts
	}
	return append(append([]input.ReadOption(nil), opts...), input.KeepColumns(keep...))
}

// onlyMissing reports whether every problem in err is a header lacking one
// of the columns cols.
func onlyMissing(err error, cols []string) bool {
	var list input.ErrorList
	if !errors.As(err, &list) {
		var re *input.RecordError
		if !errors.As(err, &re) {
			return false
		}
		list = input.ErrorList{re}
	}
	for _, re := range list {
		if re.Field != "header" || !errors.Is(re.Err, input.ErrMissingColumn) || !containsFold(cols, re.Value) {
			return false
		}
	}
	return len(list) > 0
}

func containsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(strings.TrimSpace(v), strings.TrimSpace(s)) {
			return true
		}
	}
	return false
}

// htmlOptions are the options of the interactive page: the static maps'
// title, and -attribution or else the data's credit (the page itself adds
// "Made with hubpart").
func (j *job) htmlOptions() export.HTMLOptions {
	o := export.HTMLOptions{Title: j.mapTitle(), Attribution: j.mapf.attribution}
	if o.Attribution == "" {
		o.Attribution = j.credit()
	}
	return o
}
