package partition

import "time"

// A Level names one tier of grouping and its bounds on total weight.
// Max == 0 means no upper bound. Each level's groups are unions of whole
// groups of the level below.
type Level struct {
	Name string
	Min  int64
	Max  int64
}

// Status says whether a group meets its level's bounds, and if not, why.
type Status string

const (
	StatusOK Status = "ok"
	// StatusOversize: a single atom (a practice, or practices that must stay
	// together) weighs more than the maximum on its own.
	StatusOversize Status = "oversize"
	// StatusUndersize: the connected piece (or stratum piece) the group
	// belongs to weighs less than the minimum in total.
	StatusUndersize Status = "undersize"
	// StatusUnsplittable: the piece admits no split into groups all within
	// bounds (for example 55,000 with [30,000, 50,000]); it was split as well
	// as possible and this group is out of bounds.
	StatusUnsplittable Status = "unsplittable"
	// StatusOutOfBounds: the group is out of bounds although its piece's
	// weight would allow a valid split; no contiguous split was found (the
	// graph's shape may forbid one). Evaluate also uses it for any group of
	// an arbitrary assignment that is out of bounds for no reason above.
	StatusOutOfBounds Status = "out-of-bounds"
)

// A Group is one hub (level 0) or area (level 1, ...).
type Group struct {
	ID       int     // 0-based, dense within its level, canonical order
	Members  []int   // practice indices, ascending
	Children []int   // group IDs of the level below, ascending; nil at level 0
	Parent   int     // group ID in the level above, or -1 at the top level
	Patients int64   // total weight of Members
	HubSite  int     // practice index minimising patient-weighted distance to the members
	Status   Status  // StatusOK or the reason bounds were not met
	Reason   string  // human-readable detail when Status != StatusOK
	MeanKm   float64 // patient-weighted mean distance practice -> hub site, km
	MaxKm    float64 // largest distance practice -> hub site, km

	// Contiguous reports whether the member sites induce a connected
	// subgraph of the graph the result was computed on.
	Contiguous bool
}

// Result is the outcome of Run.
type Result struct {
	Levels  []Level
	Groups  [][]Group // Groups[l] are the groups of level l
	Assign  [][]int32 // Assign[l][p] is the group ID of practice p at level l
	Quality []Quality // per level

	// Coterminosity, per level, measures how the groups sit inside the
	// values given by WithAlign / WithAlignAt; nil for a level without.
	Coterminosity []*Coterminosity
	Timings       []Timing // per stage, in order

	// Change compares level 0 with the initial configuration given by
	// WithInitial (nil without it); see Change.
	Change *Change

	// Locked lists every locked set (WithLocked) that had to be split
	// into pieces, in order of first practice.
	Locked []LockedIssue

	// Notes records adjustments worth knowing (a requested count clamped
	// to the feasible range, stranded remainders attached to oversize
	// groups, ...), in a deterministic order.
	Notes []string
}

// Quality summarises one level of a result.
type Quality struct {
	Level      string
	Groups     int
	InBounds   int     // groups with StatusOK
	Contiguous int     // groups whose sites induce a connected subgraph
	Patients   int64   // total weight (equals the input total)
	MeanKm     float64 // patient-weighted mean distance practice -> hub site
	P95Km      float64 // patient-weighted 95th percentile of that distance
	MaxKm      float64 // largest such distance
	MinSize    int64   // smallest group weight
	MaxSize    int64   // largest group weight
}

// Timing is the wall time of one stage.
type Timing struct {
	Stage    string
	Duration time.Duration
}
