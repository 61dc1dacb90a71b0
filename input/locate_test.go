package input

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/hubpart/hubpart/internal/fixture"
	"github.com/hubpart/hubpart/postcode"
)

func testPostcodes(t testing.TB) *postcode.Table {
	t.Helper()
	tb, err := postcode.ReadFile(context.Background(), "testdata/postcodes.csv")
	if err != nil {
		t.Fatal(err)
	}
	return tb
}

// The list-size file as published: CODE, POSTCODE, NUMBER_OF_PATIENTS and
// no coordinates.
func TestReadListSizeByPostcode(t *testing.T) {
	ps, err := ReadFile(context.Background(), "testdata/list_size.csv", LocateByPostcode(testPostcodes(t)))
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		code, postcode string
		patients       int64
		located        Located
		lat, lon       float64
	}{
		{"A84002", "NE65 7UW", 5903, ByPostcode, 55.309097, -1.911657},
		{"A84003", "NE63 9UT", 14738, ByPostcode, 55.183838, -1.570164},
		{"Y05788", "FY1 9NP", 206, BySector, 53.818782, -3.051657},
		{"N81119", "WA8 4NJ", 5160, BySector, (53.380409 + 53.381611) / 2, (-2.767875 - 2.759839) / 2},
		{"C85026", "S75 3RF", 5048, ByPostcode, 53.542364, -1.524816},
		{"Y06810", "MK8 1EQ", 1242, ByDistrict, (52.029644 + 52.030995 + 52.043622) / 3, (-0.800073 - 0.798521 - 0.811218) / 3},
	}
	if len(ps) != len(want) {
		t.Fatalf("%d practices, want %d", len(ps), len(want))
	}
	for i, w := range want {
		p := ps[i]
		if p.Code != w.code || p.Postcode != w.postcode || p.Patients != w.patients || p.Located != w.located ||
			math.Abs(p.Loc.Lat()-w.lat) > 1e-6 || math.Abs(p.Loc.Lon()-w.lon) > 1e-6 {
			t.Errorf("practice %d = %+v\nwant %+v", i, p, w)
		}
	}
}

func TestReadLocateByPostcode(t *testing.T) {
	pcs := testPostcodes(t)
	cases := []struct {
		name    string
		in      string
		opts    []ReadOption
		located []Located
		err     error // nil: success
		field   string
	}{
		{"blank coordinates filled, given ones kept",
			"code,lat,lon,postcode,patients\nA,55.0,-1.5,NE65 7UW,10\nB,,,ne657uw,20\n",
			[]ReadOption{LocateByPostcode(pcs)}, []Located{ByCoordinates, ByPostcode}, nil, ""},
		{"one coordinate blank is still an error",
			"code,lat,lon,postcode,patients\nA,55.0,,NE65 7UW,10\n",
			[]ReadOption{LocateByPostcode(pcs)}, nil, ErrNotNumber, "lon"},
		{"pcds column",
			"code,pcds,patients\nA,NE65 7UW,10\n",
			[]ReadOption{LocateByPostcode(pcs)}, []Located{ByPostcode}, nil, ""},
		{"aliased postcode column",
			"code,where,patients\nA,NE65 7UW,10\n",
			[]ReadOption{LocateByPostcode(pcs), ColumnAlias("postcode", "where")}, []Located{ByPostcode}, nil, ""},
		{"no lookup: a clear error",
			"CODE,POSTCODE,NUMBER_OF_PATIENTS\nA,NE65 7UW,10\n",
			nil, nil, ErrNoCoordinates, "header"},
		{"lookup but no postcode column",
			"code,patients\nA,10\n",
			[]ReadOption{LocateByPostcode(pcs)}, nil, ErrMissingColumn, "header"},
		{"lat without lon",
			"code,lat,postcode,patients\nA,55,NE65 7UW,10\n",
			[]ReadOption{LocateByPostcode(pcs)}, nil, ErrMissingColumn, "header"},
		{"two postcode columns",
			"code,postcode,POSTCODE,patients\nA,NE65 7UW,NE65 7UW,10\n",
			[]ReadOption{LocateByPostcode(pcs)}, nil, ErrAmbiguousColumn, "header"},
		{"nil lookup",
			"code,postcode,patients\nA,NE65 7UW,10\n",
			[]ReadOption{LocateByPostcode(nil)}, nil, ErrOption, "LocateByPostcode"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ps, err := ReadCSV(context.Background(), strings.NewReader(c.in), c.opts...)
			if c.err != nil {
				var re *RecordError
				if !errors.Is(err, c.err) || !errors.As(err, &re) || re.Field != c.field {
					t.Fatalf("err = %v; want %v in field %q", err, c.err, c.field)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for i, l := range c.located {
				if ps[i].Located != l {
					t.Errorf("practice %s located %v, want %v", ps[i].Code, ps[i].Located, l)
				}
			}
		})
	}
}

// Every practice that cannot be located is listed, none dropped.
func TestReadUnlocatedListsEvery(t *testing.T) {
	in := "code,postcode,patients\nA,NE65 7UW,10\nB,ZZ1 1ZZ,20\nC,,30\nD,nonsense,40\nE,NE65 7UW,50\n"
	_, err := ReadCSV(context.Background(), strings.NewReader(in), LocateByPostcode(testPostcodes(t)))
	var ue *UnlocatedError
	if !errors.Is(err, ErrNotLocated) || !errors.As(err, &ue) {
		t.Fatalf("err = %v; want an *UnlocatedError", err)
	}
	var got []string
	for _, u := range ue.Practices {
		got = append(got, u.Code)
	}
	if strings.Join(got, ",") != "B,C,D" || ue.Practices[0].Line != 3 {
		t.Errorf("unlocated %v (first on line %d); want B,C,D from line 3", got, ue.Practices[0].Line)
	}
	for _, s := range []string{"3 practices", "B (line 3, ZZ1 1ZZ)", "C (line 4, no postcode)", `"nonsense" is not a postcode`} {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("error %q does not say %q", err, s)
		}
	}
}

// Other record problems and unlocated practices are reported together.
func TestReadUnlocatedWithOtherErrors(t *testing.T) {
	in := "code,postcode,patients\nA,ZZ1 1ZZ,10\nB,NE65 7UW,x\n"
	_, err := ReadCSV(context.Background(), strings.NewReader(in), LocateByPostcode(testPostcodes(t)), AllErrors())
	if !errors.Is(err, ErrNotLocated) || !errors.Is(err, ErrNotNumber) {
		t.Fatalf("err = %v; want both ErrNotLocated and ErrNotNumber", err)
	}
}

func TestLocatedString(t *testing.T) {
	for l, want := range map[Located]string{ByCoordinates: "coordinates", ByPostcode: "postcode", BySector: "sector", ByDistrict: "district", 9: "Located(9)"} {
		if got := l.String(); got != want {
			t.Errorf("%d: %q, want %q", l, got, want)
		}
	}
	if ByPostcode.Fallback() || !BySector.Fallback() || !ByDistrict.Fallback() || ByCoordinates.Fallback() {
		t.Error("Fallback is true exactly for sector and district")
	}
}

// The published list-size file with the 2014 postcodes (skips without
// ../shared): every practice located, 46 by fallback, no patient lost.
func TestReadListSizeShared(t *testing.T) {
	list := fixture.Shared(t, "england-2021/raw/gp-reg-pat-prac-all_2021-01-01.csv")
	path := fixture.Postcodes(t)
	if testing.Short() {
		t.Skip("1.7M postcodes: skipped with -short")
	}
	pcs, err := postcode.ReadFile(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	ps, err := ReadFile(context.Background(), list, LocateByPostcode(pcs))
	if err != nil {
		t.Fatal(err)
	}
	count := map[Located]int{}
	for _, p := range ps {
		count[p.Located]++
	}
	if len(ps) != 6658 || TotalPatients(ps) != 60606345 || count[BySector]+count[ByDistrict] != 46 {
		t.Errorf("%d practices, %d patients, located %v; want 6,658, 60,606,345, 46 by sector or district",
			len(ps), TotalPatients(ps), count)
	}
}
