package dist

import (
	"math"
	"testing"
)

// TestShapeBounds checks that every Shape method bounds the support and the total of the
// result of the combinator it mirrors.
func TestShapeBounds(t *testing.T) {
	ds := testDice()
	f := Faces(-2, 0, 5)
	for name, x := range ds {
		sx, sf := ShapeOf(x), ShapeOf(f)
		cases := []struct {
			op   string
			got  *Dist
			want Shape
		}{
			{"add", new(Dist).Add(x, f), sx.Add(sf)},
			{"sub", new(Dist).Sub(x, f), sx.Sub(sf)},
			{"neg", new(Dist).Neg(x), sx.Neg()},
			{"mul", new(Dist).Mul(x, f), sx.Mul(sf)},
			{"repeat", new(Dist).Repeat(x, 5), sx.Repeat(5)},
			{"repeatdist", new(Dist).RepeatDist(x, Uniform(1, 3)), sx.RepeatDist(ShapeOf(Uniform(1, 3)))},
			{"scale", new(Dist).Scale(x, -3), sx.Scale(-3)},
			{"shift", new(Dist).Shift(x, 7), sx.Shift(7)},
			{"keep", new(Dist).KeepHighest(x, 5, 2), sx.Keep(5, 2)},
			{"keeplow", new(Dist).KeepLowest(x, 5, 4), sx.Keep(5, 4)},
			{"pool", new(Dist).KeepHighestPool([]*Dist{x, f, x}, 2), KeepPoolShape([]Shape{sx, sf, sx}, 2)},
			{"explode", new(Dist).Explode(x, 3), sx.Explode(3)},
			{"explodeon", new(Dist).ExplodeOn(x, func(v int) bool { return v%2 == 0 }, 3), sx.ExplodeOn(3)},
			{"reroll", new(Dist).Reroll(x, func(v int) bool { return v < 2 }, 3), sx.Reroll(3)},
			{"count", new(Dist).CountSuccesses(x, 6, func(v int) bool { return v > 2 }), sx.CountSuccesses(6)},
			{"max", new(Dist).Highest(x, f), sx.Highest(sf)},
			{"min", new(Dist).Lowest(x, f), sx.Highest(sf)},
			{"mix", new(Dist).Mix(x, f), MixShape(sx, sf)},
		}
		for _, c := range cases {
			g := ShapeOf(c.got)
			if g.Lo < c.want.Lo || g.Hi > c.want.Hi || g.Bits > c.want.Bits || !c.want.Fits() {
				t.Errorf("%s %s: result %+v outside the estimate %+v", name, c.op, g, c.want)
			}
			if c.want.Peak < c.got.SizeBytes()/2 || c.want.Work < 0 {
				t.Errorf("%s %s: peak %d for a result of %d bytes", name, c.op, c.want.Peak, c.got.SizeBytes())
			}
		}
	}
}

func TestShapeSaturates(t *testing.T) {
	d6 := ShapeOf(Die(6))
	s := d6.Repeat(10_000_000_000).Repeat(10_000_000_000)
	if s.Hi != math.MaxInt64 || s.Bits != math.MaxInt64 || s.Peak != math.MaxInt64 || s.Fits() {
		t.Errorf("huge repeat: %+v", s)
	}
	if s := d6.Repeat(1000); s.Lo != 1000 || s.Hi != 6000 || s.Bits != 3000 || s.Len() != 5001 {
		t.Errorf("1000d6: %+v", s)
	}
	if n := d6.Neg().Scale(math.MinInt64); n.Hi != math.MaxInt64 {
		t.Errorf("scale saturation: %+v", n)
	}
}

// TestShapeFair checks that fairness is detected and lowers the estimates of fair pools.
func TestShapeFair(t *testing.T) {
	d := ShapeOf(Die(100))
	if !d.Fair || ShapeOf(Faces(1, 1, 2)).Fair || !ShapeOf(Faces(-1, 0, 1)).Fair || !d.Neg().Shift(3).Fair {
		t.Fatal("Fair not detected or not kept by Neg and Shift")
	}
	u := d
	u.Fair = false
	if d.Keep(100, 50).Work >= u.Keep(100, 50).Work || d.Repeat(300).Work >= u.Repeat(300).Work {
		t.Error("fair estimates are not lower")
	}
	if d.Repeat(2).Fair || d.Keep(3, 2).Fair || d.Explode(2).Fair {
		t.Error("results of sums are not fair")
	}
}
