//go:build !race

package geo

const ioRace = false
