package grid

import (
	"math/big"
	"testing"
)

// The first outputs of splitmix64 from state 0 are published with the algorithm
// (Vigna's reference splitmix64.c); they pin the generator independently of this package.
func TestSplitMix64KnownValues(t *testing.T) {
	g := SplitMix64{0}
	want := []uint64{0xe220a8397b1dcdaf, 0x6e789e6aa1b965f4, 0x06c45d188009454f}
	for i, w := range want {
		if got := g.Next(); got != w {
			t.Fatalf("output %d = %#x, want %#x", i, got, w)
		}
	}
}

func TestCoeffMasksTopWord(t *testing.T) {
	for _, bits := range []int{1, 16, 63, 64, 65, 1024, 16383} {
		for _, c := range Ints(SeedA, 50, bits) {
			if c.BitLen() > bits {
				t.Fatalf("bits=%d: coefficient has %d bits", bits, c.BitLen())
			}
		}
	}
}

func TestChecksumMatchesDefinition(t *testing.T) {
	c := Ints(SeedA, 20, 200)
	c[3].Neg(c[3])
	p := new(big.Int).SetUint64(CheckP)
	h := new(big.Int)
	for i, ci := range c {
		t := new(big.Int).Mod(ci, p)
		h.Add(h, t.Mul(t, big.NewInt(int64(i+1))))
	}
	h.Mod(h, p)
	if got := Checksum(c); got != h.Uint64() {
		t.Fatalf("Checksum = %d, want %d", got, h.Uint64())
	}
	u := ModP(SeedB, 30, NTTPrime)
	bi := make([]*big.Int, len(u))
	for i, v := range u {
		bi[i] = new(big.Int).SetUint64(v)
	}
	if ChecksumUint64(u) != Checksum(bi) {
		t.Fatal("ChecksumUint64 disagrees with Checksum")
	}
}
