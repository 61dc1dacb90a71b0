package main

import (
	"flag"
	"fmt"

	"github.com/hubpart/hubpart/input"
)

// inputFlags are the flags that say how to read a practices file whose
// columns are not the usual ones (e.g. postcodes: a "postcode" column and no
// list sizes).
type inputFlags struct {
	codeCol, latCol, lonCol, patientsCol string
	weight                               int64
}

func (f *inputFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.codeCol, "code-col", "", "`column` holding the practice code (default: code or an alias)")
	fs.StringVar(&f.latCol, "lat-col", "", "`column` holding the latitude (default: lat or an alias)")
	fs.StringVar(&f.lonCol, "lon-col", "", "`column` holding the longitude (default: lon or an alias)")
	fs.StringVar(&f.patientsCol, "patients-col", "", "`column` holding the list size (default: patients or an alias)")
	fs.Int64Var(&f.weight, "weight", 0, "give every record this `weight` instead of reading a patients column (e.g. 1 for postcodes)")
}

// options returns the reader options the flags ask for.
func (f *inputFlags) options() ([]input.ReadOption, error) {
	var opts []input.ReadOption
	for _, a := range []struct{ field, col string }{
		{"code", f.codeCol}, {"lat", f.latCol}, {"lon", f.lonCol}, {"patients", f.patientsCol},
	} {
		if a.col != "" {
			opts = append(opts, input.ColumnAlias(a.field, a.col))
		}
	}
	if f.weight < 0 {
		return nil, fmt.Errorf("-weight %d: must not be negative", f.weight)
	}
	if f.weight > 0 {
		if f.patientsCol != "" {
			return nil, fmt.Errorf("-weight and -patients-col exclude each other")
		}
		opts = append(opts, input.ConstantPatients(f.weight))
	}
	return opts, nil
}
