package pool

import (
	"math/bits"
	"runtime"
	"sync"
	"sync/atomic"
)

// Slices keeps released slices of T for reuse by later calls, in size classes of eight per
// octave (capacities at most an eighth above the requested length), so that a slice is only
// ever handed to a request of about its own size. Requests below the pool's minimum (Min,
// or MinLen when Min is zero) are plain allocations. Like a sync.Pool, it lets the collector have a slice that has lain unused
// through two collections; unlike one, it has no per-processor slots, so a slice put back on
// one processor is found by the next Get on any other (a sync.Pool's private slot hid one
// large product buffer from half the calls with GOMAXPROCS=2). Slices from Get have
// unspecified contents. The zero value is an empty pool; a Slices must not be copied after
// first use. Its methods are safe for concurrent use.
type Slices[T any] struct {
	// Min is the shortest length pooled (at least 16); zero means MinLen.
	Min int

	mu   sync.Mutex
	free [65 * 8][]pooled[T] // by class, most recently put last
	reg  sync.Once
}

// pooled is a slice in a pool and the collection count (gcCount) when it was put.
type pooled[T any] struct {
	b   *[]T
	gen uint64
}

// MaxPerClass bounds the slices kept per size class; further ones are left to the collector.
const MaxPerClass = 8

// MinLen is the length below which a pool with Min zero does not pool (a plain allocation is
// cheap); at least 16. It is a variable so that tests can exercise the pools on small inputs.
var MinLen = 1 << 12

// gcCount counts garbage collections, as seen by watchGC.
var gcCount atomic.Uint64

// GCCount returns the number of collections counted so far (for tests).
func GCCount() uint64 { return gcCount.Load() }

// pools lists the pools that have been used, for pruning after each collection.
var (
	poolsMu sync.Mutex
	pools   []dropper
)

// dropper is a pool seen without its element type.
type dropper interface{ drop(all bool) }

func init() { watchGC() }

// watchGC counts the next collection: the cleanup of an unreachable object runs after the
// cycle that finds it dead, and arms the next one. It also drops the stale pooled slices.
func watchGC() {
	runtime.AddCleanup(new([32]byte), func(struct{}) {
		gcCount.Add(1)
		eachPool(func(p dropper) { p.drop(false) })
		watchGC()
	}, struct{}{})
}

// DropAll empties every pool that has been used, leaving its slices to the collector (for
// tests that measure memory: the next Get allocates).
func DropAll() { eachPool(func(p dropper) { p.drop(true) }) }

// eachPool calls f on every pool that has been used.
func eachPool(f func(dropper)) {
	poolsMu.Lock()
	ps := pools
	poolsMu.Unlock()
	for _, p := range ps {
		f(p)
	}
}

// stale reports whether a slice put at collection count gen has lain through two collections.
func stale(gen uint64) bool { return gen+2 <= gcCount.Load() }

// Prune drops the slices that have lain unused through two collections (it runs after every
// collection on its own; tests call it directly).
func (sp *Slices[T]) Prune() { sp.drop(false) }

// drop drops the pool's stale slices, or all of them.
func (sp *Slices[T]) drop(all bool) {
	sp.mu.Lock()
	defer sp.mu.Unlock()
	for c, l := range sp.free {
		i := 0
		for i < len(l) && (all || stale(l[i].gen)) {
			l[i] = pooled[T]{}
			i++
		}
		if i > 0 {
			sp.free[c] = append(l[:0], l[i:]...)
		}
	}
}

// class returns the size class of a request of n ≥ MinLen entries and its capacity.
func class(n int) (c, capacity int) {
	l := bits.Len(uint(n - 1)) // 2^(l−1) < n ≤ 2^l
	step := 1 << (l - 4)
	k := (n + step - 1) / step // in [9, 16]
	return l*8 + k - 9, k * step
}

// min returns the shortest length the pool keeps.
func (sp *Slices[T]) min() int {
	if sp.Min != 0 {
		return max(sp.Min, 16)
	}
	return MinLen
}

// Get returns a slice of length n (contents unspecified) to be handed back with Put.
func (sp *Slices[T]) Get(n int) *[]T {
	if n < sp.min() {
		b := make([]T, n)
		return &b
	}
	c, capacity := class(n)
	sp.mu.Lock()
	for l := sp.free[c]; len(l) > 0; l = sp.free[c] {
		e := l[len(l)-1]
		l[len(l)-1] = pooled[T]{}
		sp.free[c] = l[:len(l)-1]
		if !stale(e.gen) { // a stale one is dropped, and so are the older ones below it
			sp.mu.Unlock()
			*e.b = (*e.b)[:n]
			return e.b
		}
	}
	sp.mu.Unlock()
	b := make([]T, n, capacity)
	return &b
}

// Put hands b (from Get, no longer referenced anywhere) back for reuse; nil, and slices that
// did not come from Get, are ignored.
func (sp *Slices[T]) Put(b *[]T) {
	if b == nil || cap(*b) < sp.min() {
		return
	}
	c, capacity := class(cap(*b))
	if capacity != cap(*b) {
		return // not from Get
	}
	sp.reg.Do(func() {
		poolsMu.Lock()
		pools = append(pools, sp)
		poolsMu.Unlock()
	})
	sp.mu.Lock()
	if l := sp.free[c]; len(l) < MaxPerClass {
		sp.free[c] = append(l, pooled[T]{b, gcCount.Load()})
	}
	sp.mu.Unlock()
}
