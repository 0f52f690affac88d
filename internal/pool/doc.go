// Package pool keeps released scratch slices for reuse, by size class and without
// per-processor slots, and lets the collector have the ones unused through two collections.
// Packages ntt, internal/vntt and exact draw their transform and residue buffers from it.
package pool
