package partition

import "runtime"

// DefaultEffort is the effort used when WithEffort is not given.
const DefaultEffort = 1

// An Option configures Run.
type Option func(*options)

type options struct {
	seed     uint64
	effort   int
	progress func(stage string, done, total int)
	target   int64
	count    int
	strata   []string
	locked   []string
	workers  int
	align    []alignSpec
	hubSites []bool
	initial  []string // WithInitial (initial.go)
	maxMoved int64    // WithMaxMoved (initial.go)

	freeCount bool // WithFreeCount

	idle func() // WithIdle, wrapped by Run to be called at most once

	// Hooks of other features into the search (hooks.go): extra group
	// costs and pinned atoms, per level.
	terms []termMaker
	pins  []pinMaker
}

func defaultOptions() options {
	return options{effort: DefaultEffort, workers: runtime.GOMAXPROCS(0)}
}

// WithSeed sets the seed of every random choice (spanning-tree jitter, the
// order of local-search moves). The same seed gives the same Result on any
// machine and for any number of workers. The default seed is 0.
func WithSeed(seed uint64) Option { return func(o *options) { o.seed = seed } }

// WithEffort multiplies the search budget: the number of random spanning
// trees tried per split and per pair merge-and-resplit, the local-search
// rounds and move budget, and the exact-objective polishing passes (what
// it buys on England: BENCHMARKS.md). Values below 1 are treated as 1.
func WithEffort(e int) Option { return func(o *options) { o.effort = e } }

// WithProgress sets a callback told about each stage as it runs. It is
// called from the goroutine that called Run, never concurrently.
func WithProgress(fn func(stage string, done, total int)) Option {
	return func(o *options) { o.progress = fn }
}

// WithIdle sets a function the run calls at the first moment it leaves a
// CPU idle: when one of the regions a large piece is refined in side by
// side is finished before the others (from then on, until the seam
// between the regions is refined, fewer goroutines have work than there
// are CPUs). It is for work beside the run that would otherwise take CPU
// time from it (hubpart computes the export's Voronoi cells so). fn is
// called on one of the run's goroutines and must return at once, having
// started its work on a goroutine of its own. It is called at most once
// per Run, and not at all when no piece is large enough to be refined in
// regions, so a caller that needs the work done starts it after Run when
// fn has not been called. The Result does not depend on it.
func WithIdle(fn func()) Option { return func(o *options) { o.idle = fn } }

// WithTarget sets the level-0 target group weight. Each connected piece of
// weight W gets k = round(W/target) groups, clamped to the feasible range
// [ceil(W/Max), floor(W/Min)]. The default target is (Min+Max)/2, or
// 1.5×Min when the level has no maximum; upper levels always use their
// default.
func WithTarget(size int64) Option { return func(o *options) { o.target = size } }

// WithCount asks for k level-0 groups in total instead of a target size.
// The count is shared among the connected pieces in proportion to their
// weight and clamped to each piece's feasible range; when clamping changes
// the total, or no plan of that many groups within bounds is found,
// Result.Notes says so and what was made instead (see count.go).
func WithCount(k int) Option { return func(o *options) { o.count = k } }

// WithStrata gives one label per practice (for example a CCG code). Groups
// at every level (hubs and areas alike) never mix labels: graph edges
// between different labels are ignored and a site whose practices carry
// different labels is split by label. A nil slice means no strata.
func WithStrata(labels []string) Option { return func(o *options) { o.strata = labels } }

// WithLocked gives one label per practice; "" means free. Practices with the
// same non-empty label are placed in the same level-0 group (and hence the
// same group at every level). A locked set whose practices cross strata or
// whose sites do not induce a connected subgraph does not stop the run: it
// is split into pieces, each within one stratum and contiguous, each kept
// together, and every such set is listed in Result.Locked (and Notes).
func WithLocked(labels []string) Option { return func(o *options) { o.locked = labels } }

// WithWorkers sets how many goroutines Run may use (default
// runtime.GOMAXPROCS(0)). The result does not depend on it.
func WithWorkers(n int) Option { return func(o *options) { o.workers = n } }
