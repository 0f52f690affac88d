package pool

import (
	"runtime"
	"testing"
	"time"
)

// TestClass checks the size classes: capacities at most an eighth (plus rounding) above the
// request, stable under their own capacity, and not decreasing with the length.
func TestClass(t *testing.T) {
	prev := -1
	for n := 16; n < 1<<20; n += 1 + n/37 {
		c, capacity := class(n)
		if capacity < n || 8*capacity > 9*n+8*16 {
			t.Fatalf("class(%d) capacity %d", n, capacity)
		}
		if c2, cap2 := class(capacity); c2 != c || cap2 != capacity {
			t.Fatalf("class(%d) = %d, %d; of its capacity %d, %d", n, c, capacity, c2, cap2)
		}
		if c < prev {
			t.Fatalf("class(%d) = %d below the class %d of a shorter length", n, c, prev)
		}
		prev = c
	}
}

// TestReuseAndDrop checks that a put slice is handed out again (also to a request of
// another length of its class, and from another goroutine) and that the collector gets it after
// it has lain unused through two collections.
func TestReuseAndDrop(t *testing.T) {
	var sp Slices[uint64]
	b := sp.Get(5000)
	if len(*b) != 5000 {
		t.Fatalf("get(5000) has length %d", len(*b))
	}
	sp.Put(b)
	got := make(chan *[]uint64)
	go func() { got <- sp.Get(4900) }()
	if b2 := <-got; b2 != b || len(*b2) != 4900 {
		t.Fatalf("get after put: a new slice (or length %d), want the put one", len(*b2))
	}
	sp.Put(b)
	if b3 := sp.Get(1 << 14); b3 == b {
		t.Fatal("get of another class returned the put slice")
	}
	// Wait for two collections to be counted (the count runs in a cleanup after the cycle).
	start := GCCount()
	for i := 0; GCCount() < start+2; i++ {
		if i > 1000 {
			t.Fatal("watchGC counted no collections")
		}
		runtime.GC()
		time.Sleep(time.Millisecond)
	}
	sp.Prune()
	if b4 := sp.Get(5000); b4 == b {
		t.Fatal("a slice unused through two collections was handed out again")
	}
}

// TestDropAll checks that DropAll empties the pools, so that the next Get allocates.
func TestDropAll(t *testing.T) {
	var sp Slices[uint64]
	b := sp.Get(5000)
	sp.Put(b)
	DropAll()
	if c := sp.Get(5000); c == b {
		t.Fatal("Get after DropAll returned the put slice")
	}
}

// TestMin checks the per-pool minimum: a pool with Min 16 keeps a slice of 100 entries, one
// with the default (MinLen) does not.
func TestMin(t *testing.T) {
	small := Slices[uint64]{Min: 16}
	b := small.Get(100)
	small.Put(b)
	if c := small.Get(100); c != b {
		t.Error("a pool with Min 16 did not keep a slice of 100")
	}
	var def Slices[uint64]
	d := def.Get(100)
	def.Put(d)
	if e := def.Get(100); e == d {
		t.Error("a default pool kept a slice shorter than MinLen")
	}
}
