package exact

import (
	"math"
	"math/bits"

	"github.com/polyconv/polyconv/internal/vntt"
)

// Cost model of the methods, in nanoseconds on the calibration machine (AMD EPYC, Go 1.26,
// linux/amd64). Auto evaluates each method's estimated time from the operand lengths and
// coefficient sizes and takes the cheapest. costMAC through costKroneckerWord are measured by
// TestCalibrate (calibrate_test.go, run with -calibrate) in the manner of math/big's
// karatsubaThreshold, and so are costVecButterfly (a table over transform lengths 2^16 to
// 2^21), costVecLimb (at 2^17 points) and costVecWord, the Kronecker substitution on vecMul
// that is priced instead of the three-prime one when useVec is set, when the AVX-512 IFMA
// kernels run (GOMAXPROCS=1, on a machine shared with other work); costSetup,
// costSetupPrime and costVecPiece are estimates that TestCalibrate does not measure. Squares
// are priced with one forward transform instead of two in the transform-based methods.
var (
	// costMAC is one 64×64→128-bit multiply-accumulate in a word loop (schoolbook on words,
	// residues, CRT).
	costMAC = 0.97
	// costBigTerm is the overhead of one big.Int product-and-add in schoolbook and Karatsuba,
	// beyond its word multiplies.
	costBigTerm = 28.8
	// costButterfly is one NTT butterfly per point and level (a length-N transform costs
	// costButterfly·N·log2(N)).
	costButterfly = 0.542
	// costPointwise is one pointwise modular product plus the loading of one point.
	costPointwise = 3.48
	// costCoeff is the fixed cost of producing one output coefficient (allocation, CRT setup).
	costCoeff = 18.4
	// costCRTPrime is the explicit CRT's cost per prime and output coefficient beyond its
	// word products, with more than three primes: measured from a profile of 10^3×10^3
	// coefficients of 300 bits (seven primes), where the CRT took about 300 ns per
	// coefficient.
	costCRTPrime = 30.0
	// costBigWord is schoolbook's and Karatsuba's cost per word of a coefficient product's
	// operands beyond the word products: adding the product into its sum and the allocation
	// of growing sums. An estimate from Karatsuba on 300×300 coefficients of 20000 and 20
	// bits (36 ms, about 1.5 µs per product of 313 words by one).
	costBigWord = 3.7
	// costKroneckerWord is the cost per 64-bit limb of packing, carrying and unpacking in
	// Kronecker substitution, including its three-prime recombination.
	costKroneckerWord = 15.5
	// costVecButterfly is one eight-lane butterfly of vecMul's vector transforms (package
	// internal/vntt), including its share of the pointwise product, the allocation and first
	// touch of the vectors and everything else vecMul spends beyond costVecLimb per limb:
	// a product on transforms of length N = 2^lg costs costVecButterfly[i]·(N/2)·lg per
	// transform (see vecPlan) with i = lg − vecMinLog, clamped to the table. The cost per butterfly grows steeply once the
	// vectors (64 bytes per point) leave the caches.
	costVecButterfly = [...]float64{1.68, 2.01, 2.89, 6.18, 6.18, 10.91}
	// costVecLimb is vecMul's cost per limb of the product (limbs of about 190 bits): the
	// residues of one operand limb and the explicit CRT and carry of one product coefficient.
	costVecLimb = 31.2
	// costVecWord is the cost per 64-bit word of the product of Kronecker substitution outside
	// vecMul: packing, and unpacking the signed slots.
	costVecWord = 6.9
	// costSetup is the fixed cost of a transform-based product (plans, buffers, goroutines);
	// each prime of the multi-modular method adds costSetupPrime.
	costSetup      = 4000.0
	costSetupPrime = 600.0
	// costVecPiece is vecMul's fixed cost per piece of a cut operand (calls, buffers, the
	// piece's carry set-up); an estimate.
	costVecPiece = 2000.0
	// costVecFill is the cost of filling one limb of an operand into a transform vector
	// again (packing it from the coefficients and reducing it): 13–14 ns per 190-bit limb of
	// G2's 1088-bit slots (slotSrc.fill, GOMAXPROCS=1).
	costVecFill = 13.5
)

// choose returns the method Auto uses for operands of lengths nx, ny whose coefficients have at
// most bx, by bits (both > 0); sq reports a square (one operand passed twice), which the
// transform-based methods transform once.
func choose(nx, ny, bx, by int, sq bool) Algorithm {
	best, bestCost := Schoolbook, schoolbookCost(nx, ny, bx, by)
	if c := multiModularCost(nx, ny, bx, by, sq); c < bestCost {
		best, bestCost = MultiModular, c
	}
	if c := kroneckerCost(nx, ny, bx, by, sq); c < bestCost {
		best, bestCost = Kronecker, c
	}
	if c := karatsubaCost(nx, ny, bx, by); c < bestCost {
		best = Karatsuba
	}
	return best
}

func words(b int) float64 { return float64((b + 63) / 64) }

func schoolbookCost(nx, ny, bx, by int) float64 {
	terms := float64(nx) * float64(ny)
	if bx <= 64 && by <= 64 {
		return terms*costMAC + float64(nx+ny)*costCoeff
	}
	return terms*(words(bx)*words(by)*costMAC+costBigTerm) + float64(nx+ny)*costCoeff
}

func karatsubaCost(nx, ny, bx, by int) float64 {
	short := min(nx, ny)
	if short < karatsubaThreshold {
		return math.Inf(1)
	}
	// The quadratic products at the leaves of karaAdd's recursion, each a big.Int product and
	// an addition into its own coefficient; the additions of the three half-size products
	// cost about as much as the products' overhead, and every term pays for the words it adds
	// and allocates (costBigWord per word of the two coefficients).
	lg := int(math.Log2(float64(short)))
	wx, wy := words(bx+lg), words(by+lg)
	return karaTerms(nx, ny) * (wx*wy*costMAC + 3*costBigTerm + (wx+wy)*costBigWord)
}

// karaTerms is the number of coefficient products of karaAdd(x, y) for operands of lengths nx
// and ny: it follows the recursion down to the quadratic blocks below karatsubaThreshold
// (memoized: a few distinct shapes per level).
func karaTerms(nx, ny int) float64 {
	memo := map[[2]int]float64{}
	var terms func(nx, ny int) float64
	terms = func(nx, ny int) float64 {
		if nx < ny {
			nx, ny = ny, nx
		}
		if ny < max(karatsubaThreshold, 2) {
			return float64(nx) * float64(ny)
		}
		if t, ok := memo[[2]int{nx, ny}]; ok {
			return t
		}
		var t float64
		if m := (nx + 1) / 2; ny <= m {
			t = float64(nx/ny) * terms(ny, ny)
			if r := nx % ny; r > 0 {
				t += terms(r, ny)
			}
		} else {
			t = 2*terms(m, m) + terms(nx-m, ny-m)
		}
		memo[[2]int{nx, ny}] = t
		return t
	}
	return terms(nx, ny)
}

func transformCost(n int, transforms int) float64 {
	size := 1 << bits.Len(uint(n-1))
	lg := float64(bits.Len(uint(size)) - 1)
	return float64(size) * (float64(transforms)*costButterfly*lg + costPointwise)
}

func multiModularCost(nx, ny, bx, by int, sq bool) float64 {
	if k, ok := onePays(nx, ny, bx, by); ok {
		return oneCost(nx, ny, k, sq)
	}
	k := primesFor(boundBits(nx, ny, bx, by))
	if k > maxMultiModularPrimes {
		return math.Inf(1)
	}
	n := nx + ny - 1
	fk := float64(k)
	in := float64(nx)*words(bx) + float64(ny)*words(by) + float64(nx+ny)
	tr := transforms(sq)
	if sq {
		in /= 2 // one operand's residues
	}
	res := in * fk * costMAC
	crt := float64(n) * (fk*fk*costMAC + costCoeff)
	if k > 3 {
		// The explicit CRT's per-prime work besides its k² word products (gathering the
		// residues, the Shoup products and the quotient estimate); one to three primes take
		// shortcuts (crtOut).
		crt += float64(n) * fk * costCRTPrime
	}
	return fk*(transformCost(n, tr)+costSetupPrime) + res + crt + costSetup
}

// Costs of the one-prime-per-vector path (onemod.go), measured with GOMAXPROCS=1 on the
// calibration machine (BenchmarkOnePlan: 0.12–0.17 ns per point and level from 2^15 to 2^21
// points; the CRT and output of G1 and G4 about 40–50 ns per coefficient with the collector
// running): costOneLevel per point, level and transform, costOneCoeff per output coefficient,
// costOneResidue per input coefficient and prime.
var (
	costOneLevel   = 0.15
	costOneCoeff   = 45.0
	costOneResidue = 1.5
)

// oneCost is the estimated time of oneModular with k primes.
func oneCost(nx, ny, k int, sq bool) float64 {
	lg := oneLog(nx + ny - 1)
	in := float64(nx + ny)
	if sq {
		in /= 2
	}
	tr := float64(k*transforms(sq)) * float64(int(1)<<lg) * float64(lg) * costOneLevel
	return tr + in*float64(k)*costOneResidue + float64(nx+ny-1)*costOneCoeff + costSetup
}

// transforms is the number of transforms of a transform-based product: two per operand and
// one back, or one and one for a square.
func transforms(sq bool) int {
	if sq {
		return 2
	}
	return 3
}

// maxMultiModularPrimes caps the number of primes of the multi-modular method; beyond it the
// quadratic cost of reduction and CRT per coefficient loses to Kronecker substitution anyway.
var maxMultiModularPrimes = 128

// kroneckerCost prices Kronecker substitution on the integer product kronecker will use:
// vecMul's vector transforms (in the shape vecPlan chooses within kronLayout's memory budget),
// limbs and packing when vecPays, twice over products of half the length when kronecker2
// applies (assuming a fresh result), otherwise scalarMul's transforms uncut (three per prime,
// two for a square) and its per-word costs.
func kroneckerCost(nx, ny, bx, by int, sq bool) float64 {
	s := boundBits(nx, ny, bx, by) + 1
	limbs := (nx+ny-1)*s/64 + 1 // words of the product
	fixed := float64(nx+ny)*costCoeff + costSetup
	if vecPays(limbs) {
		s, _, budget := kronLayout(nx, ny, bx, by)
		products := 1.0
		if t, ok := halfSlots(nx, ny, bx, by); ok {
			s, products = t, 2 // kronecker2: two products of half the length
		}
		_, lx, ly := vecLimbs((nx-1)*s+bx, (ny-1)*s+by)
		sh := vecPlan(max(lx, ly), min(lx, ly), sq, budget)
		return products*(sh.cost+float64((nx+ny-1)*s/64)*costVecWord) + fixed
	}
	return 3*transformCost(limbs, transforms(sq)) + float64(limbs)*costKroneckerWord + fixed + 3*costSetupPrime
}

// vecShape is how vecMul multiplies operands of lx ≥ ly limbs: on transforms of 2^lg points,
// with y cut into py pieces of my limbs and x into px pieces of mx limbs (the last piece of each
// may be shorter; py = 1 with my = ly and px = 1 with mx = lx when uncut), and its estimated
// time in nanoseconds.
type vecShape struct {
	lg, mx, px, my, py int
	cost               float64
}

func (sh vecShape) cut() bool { return sh.px > 1 || sh.py > 1 }

// vecBytes is the memory of the transform vectors of the shape: one of 2^lg points (64 bytes
// each) for an uncut square, two otherwise.
func (sh vecShape) vecBytes(sq bool) int {
	v := vntt.Lanes * 8 << sh.lg
	if sq && !sh.cut() {
		return v
	}
	return 2 * v
}

// vecMinCutLog is log2 of the shortest transform vecPlan cuts on: 128 points, for pieces of at
// least vecPieceAlign limbs of each operand.
const vecMinCutLog = 7

// vecPlan returns the cheapest shape (vecPlanCost) for vecMul's operands of lx ≥ ly limbs, or
// a square of lx = ly limbs, whose vectors take at most budget bytes. Uncut operands take
// transforms of the next power of two at or above lx+ly−1 points. Otherwise every shorter
// transform length from 2^vecMinCutLog on is tried, with y in as few pieces as leave room for
// a piece of x (whole when it fits), then in more (at most 64 piece counts, stopping once y's
// pieces are at most 1/16 of the transform), and x in the largest pieces that fit beside
// them; pieces other than the last are multiples of
// vecPieceAlign limbs. Very unbalanced operands are cut into many pieces on short transforms,
// and a tight budget cuts both operands. Shapes on at most 2^vecMinCutLog points are allowed
// whatever the budget; a cut square is multiplied as a product.
func vecPlan(lx, ly int, sq bool, budget int) vecShape {
	best := vecShape{lg: max(1, bits.Len(uint(lx+ly-2))), mx: lx, px: 1, my: ly, py: 1}
	best.cost = vecPlanCost(best, lx, ly, sq)
	if (best.vecBytes(sq) > budget && best.lg > vecMinCutLog) || best.lg > vntt.MaxLog {
		best.cost = math.Inf(1)
	}
	for lg := min(best.lg-1, vntt.MaxLog); lg >= vecMinCutLog; lg-- {
		v := 1 << lg
		if sh := (vecShape{lg: lg}); sh.vecBytes(false) > budget && lg > vecMinCutLog {
			continue
		}
		prevMy := -1
		// y's pieces leave room for a piece of x: start at about ly/(v−63) of them.
		for py, tries := max(1, (ly+v-64)/(v-63)), 0; tries < 64; py++ {
			my := ly
			if py > 1 {
				if (py-1)*vecPieceAlign >= ly {
					break // no py pieces of vecPieceAlign limbs or more
				}
				my = (ly + py - 1) / py
				my = (my + vecPieceAlign - 1) / vecPieceAlign * vecPieceAlign
			}
			if my == prevMy {
				continue
			}
			prevMy = my
			tries++
			mx := (v + 1 - my) / vecPieceAlign * vecPieceAlign
			if mx < vecPieceAlign {
				continue
			}
			sh := vecShape{lg: lg, mx: min(mx, lx), px: (lx + mx - 1) / mx, my: my, py: (ly + my - 1) / my}
			if sh.px == 1 && sh.py == 1 {
				continue // uncut on a shorter transform: not possible when lg < best's uncut lg
			}
			if sh.cost = vecPlanCost(sh, lx, ly, false); sh.cost < best.cost {
				best = sh
			}
			if my <= v/16 {
				break // more pieces of y only add transforms
			}
		}
	}
	return best
}

// vecPlanCost is the estimated time of vecMul in shape sh: py·(1 + 2·px) transforms when cut
// (three uncut, two for a square) of 2^(lg−1)·lg butterflies at costVecButterfly for that
// length, costVecLimb per coefficient of the pieces' products, costVecFill per limb of x
// filled again for every piece of y after the first, and costVecPiece per product of two
// pieces.
func vecPlanCost(sh vecShape, lx, ly int, sq bool) float64 {
	bf := costVecButterfly[min(max(sh.lg-vecMinLog, 0), len(costVecButterfly)-1)]
	tr := sh.py * (1 + 2*sh.px)
	if sq && !sh.cut() {
		tr = 2
	}
	coeffs := sh.py*lx + sh.px*ly - sh.px*sh.py // Σ over piece pairs of cx + cy − 1
	return float64(tr)*float64(int(1)<<(sh.lg-1))*float64(sh.lg)*bf + float64(coeffs)*costVecLimb +
		float64((sh.py-1)*lx)*costVecFill + float64(sh.px*sh.py)*costVecPiece
}

// vecPieceAlign is the granularity of vecMul's pieces, in limbs: 64 limbs of b bits are b
// words, so the pieces' products add into the result at word offsets.
const vecPieceAlign = 64

// vecMinLog is log2 of the transform length of costVecButterfly's first entry.
const vecMinLog = 16
