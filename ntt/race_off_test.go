//go:build !race

package ntt

// raceEnabled: the race detector makes sync.Pool drop some puts, so allocation counts differ.
const raceEnabled = false
