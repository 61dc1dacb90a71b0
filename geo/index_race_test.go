//go:build race

package geo

// ioRace reports whether the race detector is on; sync.Pool then drops
// items at random, so allocation counts mean nothing.
const ioRace = true
