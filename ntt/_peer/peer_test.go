// Package peer times lattigo's ring package beside ntt.Convolve on the same linear product.
// It is a separate module (so lattigo stays out of polyconv's go.mod) and is skipped by
// ./... because its directory starts with an underscore. Run it with
//
//	cd ntt/_peer && go test -run . -bench . -count 5
package peer

import (
	"fmt"
	"slices"
	"testing"

	"github.com/polyconv/polyconv/internal/grid"
	"github.com/polyconv/polyconv/ntt"
	"github.com/tuneinsight/lattigo/v6/ring"
)

// lattigoMul computes the linear product of x and y (entries < q) through lattigo's
// negacyclic ring of degree N ≥ len(x)+len(y)−1, so the wrap-around never happens.
type lattigoMul struct {
	r    *ring.Ring
	a, b ring.Poly
}

// newLattigo builds a ring of degree n on lattigo's own largest 61-bit NTT-friendly prime
// (lattigo is not correct for primes ≥ 2^61).
func newLattigo(n int) (*lattigoMul, uint64, error) {
	g := ring.NewNTTFriendlyPrimesGenerator(61, uint64(2*n))
	q, err := g.NextDownstreamPrime()
	if err != nil {
		return nil, 0, err
	}
	r, err := ring.NewRing(n, []uint64{q})
	if err != nil {
		return nil, 0, err
	}
	return &lattigoMul{r: r, a: r.NewPoly(), b: r.NewPoly()}, q, nil
}

func (l *lattigoMul) mul(dst, x, y []uint64) {
	a, b := l.a.Coeffs[0], l.b.Coeffs[0]
	copy(a, x)
	clear(a[len(x):])
	copy(b, y)
	clear(b[len(y):])
	l.r.NTT(l.a, l.a)
	l.r.NTT(l.b, l.b)
	l.r.MulCoeffsBarrett(l.a, l.b, l.a)
	l.r.INTT(l.a, l.a)
	copy(dst, a[:len(dst)])
}

// TestLattigoAgrees checks that the timed lattigo product is the same product.
func TestLattigoAgrees(t *testing.T) {
	for _, n := range []int{1 << 10, 1 << 14} {
		l, q, err := newLattigo(2 * n)
		if err != nil {
			t.Fatal(err)
		}
		m, err := ntt.NewModulus(q)
		if err != nil {
			t.Fatal(err)
		}
		x, y := grid.ModP(grid.SeedA, n, q), grid.ModP(grid.SeedB, n, q)
		got := make([]uint64, 2*n-1)
		l.mul(got, x, y)
		if want := m.Convolve(nil, x, y); !slices.Equal(got, want) {
			t.Fatalf("n=%d: lattigo and ntt disagree mod %d", n, q)
		}
	}
}

// BenchmarkConvolve runs the anchor of BENCHMARKS.md (operands of length n from grid.ModP)
// with polyconv on grid.NTTPrime and lattigo on its 61-bit prime, in the same run.
func BenchmarkConvolve(b *testing.B) {
	for _, n := range []int{1 << 16, 1 << 18, 1 << 20} {
		b.Run(fmt.Sprintf("n=%d/impl=polyconv", n), func(b *testing.B) {
			m, err := ntt.NewModulus(grid.NTTPrime)
			if err != nil {
				b.Fatal(err)
			}
			x, y := grid.ModP(grid.SeedA, n, grid.NTTPrime), grid.ModP(grid.SeedB, n, grid.NTTPrime)
			dst := make([]uint64, 2*n-1)
			m.Convolve(dst, x, y)
			b.ReportAllocs()
			for b.Loop() {
				m.Convolve(dst, x, y)
			}
		})
		b.Run(fmt.Sprintf("n=%d/impl=lattigo", n), func(b *testing.B) {
			l, q, err := newLattigo(2 * n)
			if err != nil {
				b.Fatal(err)
			}
			x, y := grid.ModP(grid.SeedA, n, q), grid.ModP(grid.SeedB, n, q)
			dst := make([]uint64, 2*n-1)
			b.ReportAllocs()
			for b.Loop() {
				l.mul(dst, x, y)
			}
		})
	}
}
