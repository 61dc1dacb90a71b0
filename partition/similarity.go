package partition

import (
	"errors"
	"fmt"
)

// Errors of the similarity measures.
var (
	// ErrLabelsLength is returned (wrapped) when two labelings to be
	// compared have different lengths.
	ErrLabelsLength = errors.New("partition: labelings differ in length")
	// ErrNoLabels is returned when the labelings to be compared are empty.
	ErrNoLabels = errors.New("partition: no labels to compare")
)

// AdjustedRand returns the adjusted Rand index (Hubert & Arabie 1985)
// between two labelings of the same items: a[i] and b[i] are the groups of
// item i, labels are arbitrary int32 values (-1 is a label like any other).
//
// It is 1 for identical partitions (whatever the labels), about 0 for
// independent random ones, and may be negative (at least -1) for partitions
// that agree less than chance. When the index is undefined because both
// partitions are trivial in the same way (all items in one group, or all
// singletons, or a single item), the partitions are identical and it returns
// 1. It is exactly symmetric, AdjustedRand(a, b) == AdjustedRand(b, a), and
// invariant under relabelling and under reordering the items: the pair
// counts are exact integers accumulated as items are seen, so no map order
// enters the result. O(n) time and memory.
func AdjustedRand(a, b []int32) (float64, error) {
	if err := checkLabelings(a, b); err != nil {
		return 0, err
	}
	da, na := denseLabels(a)
	db, nb := denseLabels(b)
	// Pairs within a group are counted incrementally: adding the (c+1)-th
	// item to a group of c adds c pairs.
	sizeA, sizeB := make([]int64, na), make([]int64, nb)
	cell := make(map[int64]int64, min(len(a), 1<<16))
	var pairsA, pairsB, pairsAB int64
	for i := range da {
		x, y := da[i], db[i]
		pairsA += sizeA[x]
		sizeA[x]++
		pairsB += sizeB[y]
		sizeB[y]++
		k := int64(x)*int64(nb) + int64(y)
		pairsAB += cell[k]
		cell[k]++
	}
	n := int64(len(a))
	all := n * (n - 1) / 2
	if all == 0 || (pairsA == pairsB && (pairsA == 0 || pairsA == all)) {
		return 1, nil // both partitions trivial in the same way: identical
	}
	expected := float64(pairsA) * float64(pairsB) / float64(all)
	maximum := float64(pairsA+pairsB) / 2
	return (float64(pairsAB) - expected) / (maximum - expected), nil
}

// KeptTogether returns the share of items whose group in a lies wholly
// inside one group of b: for "hub-mates stay together", the share of
// practices all of whose hub-mates under a are still their hub-mates under
// b. Items alone in their a-group count as kept. It is 1 when b equals a or
// coarsens it, and not symmetric: KeptTogether(a, b) measures how well b
// keeps a's groups, KeptTogether(b, a) the converse. Labels are arbitrary
// int32 values (-1 included). O(n).
func KeptTogether(a, b []int32) (float64, error) {
	if err := checkLabelings(a, b); err != nil {
		return 0, err
	}
	da, na := denseLabels(a)
	first := make([]int32, na) // b label of the group's first item
	size := make([]int64, na)
	split := make([]bool, na)
	for i, g := range da {
		if size[g] == 0 {
			first[g] = b[i]
		} else if b[i] != first[g] {
			split[g] = true
		}
		size[g]++
	}
	var kept int64
	for g := range na {
		if !split[g] {
			kept += size[g]
		}
	}
	return float64(kept) / float64(len(a)), nil
}

// checkLabelings returns an error unless a and b are non-empty and of the
// same length.
func checkLabelings(a, b []int32) error {
	if len(a) != len(b) {
		return fmt.Errorf("%w: %d and %d", ErrLabelsLength, len(a), len(b))
	}
	if len(a) == 0 {
		return ErrNoLabels
	}
	return nil
}
