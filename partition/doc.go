// Package partition groups the sites of a contiguity graph into contiguous
// groups whose weights lie within [Min, Max] bounds, level by level: hubs of
// 30,000–50,000 patients, then areas of 100,000+ made of whole hubs.
//
// See Run for the algorithm, its guarantees and its options.
package partition
