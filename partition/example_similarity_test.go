package partition_test

import (
	"fmt"

	"github.com/hubpart/hubpart/partition"
)

// Compare two groupings of six practices: b splits a's first group and
// merges part of it with the second.
func ExampleAdjustedRand() {
	a := []int32{0, 0, 0, 1, 1, 1}
	b := []int32{0, 0, 1, 1, 2, 2}
	ari, _ := partition.AdjustedRand(a, b)
	same, _ := partition.AdjustedRand(a, []int32{7, 7, 7, -1, -1, -1})
	fmt.Printf("%.4f %.4f\n", ari, same)
	// Output:
	// 0.2424 1.0000
}

// KeptTogether is directional: b keeps none of a's groups whole, while a
// keeps two of b's three groups whole (four of six practices).
func ExampleKeptTogether() {
	a := []int32{0, 0, 0, 1, 1, 1}
	b := []int32{0, 0, 1, 1, 2, 2}
	ab, _ := partition.KeptTogether(a, b)
	ba, _ := partition.KeptTogether(b, a)
	fmt.Printf("%.3f %.3f\n", ab, ba)
	// Output:
	// 0.000 0.667
}
