// Package synth generates a fictional country with the texture of England's
// GP practices: a mainland of irregular outline, an island a few kilometres
// offshore, a tiny remote islet with a single practice, Zipf-sized cities
// with dense centres and sparse countryside, practices sharing buildings,
// and list sizes spread like the real ones. It is the built-in default data
// of the hubpart CLI and the synthetic workload of the benchmarks.
//
// Generate makes practices with names and list sizes (up to 2,000,000);
// GeneratePoints makes up to 20,000,000 points of weight 1 with the same
// clustered layout (the national-scale workload: postcodes, address points,
// census blocks), stored as two int32 micro-degree coordinates per point,
// with codes made only when written (WriteCSV) or handed over (Practices).
//
// The country is fictional. It is centred near 52.5°N 1.5°W so that it looks
// plausible on a map, and it measures about 400 km east–west by 600 km
// north–south, but it does not resemble any real coastline.
//
// Model and units:
//   - Locations are [lon, lat] degrees (orb.Point), quantised to whole
//     micro-degrees (six decimals), so a CSV written with six decimals holds
//     exactly the generated points.
//   - The land is laid out in a local equirectangular frame in metres around
//     the centre (1° of latitude = 111,195 m, 1° of longitude = that times
//     cos 52.5°); every containment test is exact integer arithmetic on the
//     micro-degree grid.
//   - Boundary[0] is the mainland, Boundary[1] the large island and
//     Boundary[2] the remote islet. Rings are closed, outer rings are
//     counter-clockwise, no ring intersects itself or another, and there are
//     no holes.
//
// Invariants: every practice lies strictly inside Boundary; the same Options
// give byte-identical output on every platform. The generator draws from
// math/rand/v2's PCG only through its Uint64 method and uses only IEEE
// basic operations (+, −, ×, ÷, √, rounding) with explicit conversions that
// forbid fused multiply–add, and its own sine, cosine and exponential, so no
// platform-specific library code affects the result.
package synth
