package conv2d

import (
	"math"
	"sync"
	"sync/atomic"

	"github.com/polyconv/polyconv/internal/fft"
	"github.com/polyconv/polyconv/internal/pool"
)

// This file holds the real 2-D FFT convolution. A real nr×nc array (nc = 2·mc) is packed as
// the complex nr×mc array z(r, j) = x(r, 2j) + i·x(r, 2j+1), and transformed with mc-point
// transforms along the rows and nr-point ones down the columns (internal/fft's ForwardMulti),
// both leaving digit-reversed order. The spectra of the even and odd columns are separated
// with the partner position of the negated frequency pair and combined with the twiddle of
// the column frequency in fft.MulPacked, exactly as the 1-D real convolution does along one
// row: a real 2-D convolution costs three complex 2-D transforms of half the size.

// plan2 is the transform of nr×(2·mc) real arrays. It is immutable after newPlan2 and safe
// for concurrent use.
type plan2 struct {
	nr, mc       int
	rows, cols   *fft.Plan // mc-point row transforms, nr-point column transforms
	partR, partC []int32   // partner positions down the columns and along the rows
	wk           []complex128
}

// scratch holds the transform buffers between calls (kept through a collection, unlike a
// sync.Pool's, which the collector empties: these are megabytes that would otherwise be
// allocated and cleared again).
var scratch pool.Slices[complex128]

var (
	plan2s     sync.Map // [2]int{nr, mc} → *plan2
	plan2Bytes atomic.Int64
)

// plan2CacheBudget bounds the bytes of cached 2-D FFT tables.
var plan2CacheBudget int64 = 1 << 28

// plan2For returns the cached plan for nr×(2·mc) arrays, building it on first use. When
// the cached tables would pass plan2CacheBudget the cache is emptied first (plans in use
// stay valid).
func plan2For(nr, mc int) *plan2 {
	key := [2]int{nr, mc}
	if p, ok := plan2s.Load(key); ok {
		return p.(*plan2)
	}
	p := newPlan2(nr, mc)
	size := int64(40 * (nr + mc))
	if plan2Bytes.Add(size) > plan2CacheBudget {
		plan2s.Clear()
		plan2Bytes.Store(size)
	}
	q, _ := plan2s.LoadOrStore(key, p)
	return q.(*plan2)
}

func newPlan2(nr, mc int) *plan2 {
	rows := fft.NewPlan(mc, fft.NewRootTable(2*mc))
	cols := fft.NewPlan(nr, fft.NewRootTable(nr))
	p := &plan2{nr: nr, mc: mc, rows: rows, cols: cols, partR: cols.Partners(), partC: rows.Partners()}
	p.wk = make([]complex128, mc)
	for c, k := range rows.Freqs() {
		p.wk[c] = fft.Root(int(k), 2*mc)
	}
	return p
}

// row returns row r of the packed array z.
func (p *plan2) row(z []complex128, r int) []complex128 {
	return z[r*p.mc : (r+1)*p.mc : (r+1)*p.mc]
}

// forward transforms z in place; rows from used on must be zero (their row transforms are
// skipped).
func (p *plan2) forward(z []complex128, used int) {
	for r := range used {
		p.rows.Forward(p.row(z, r))
	}
	p.cols.ForwardMulti(z, p.mc)
}

// inverse undoes forward (times nr·mc) on the columns, and on the rows lo … hi−1 only: the
// other rows are left half transformed.
func (p *plan2) inverse(z []complex128, lo, hi int) {
	p.cols.InverseMulti(z, p.mc)
	for r := lo; r < hi; r++ {
		p.rows.Inverse(p.row(z, r))
	}
}

// multiply replaces zx by the packed spectrum of the cyclic convolution of the real arrays
// whose packed spectra are zx and zy, scaled so that inverse yields the convolution.
func (p *plan2) multiply(zx, zy []complex128) {
	scale := 1 / (8 * float64(p.nr) * float64(p.mc))
	for r, q := range p.partR {
		if int(q) < r {
			continue
		}
		fft.MulPacked(p.row(zx, r), p.row(zx, int(q)), p.row(zy, r), p.row(zy, int(q)), p.partC, p.wk, 0, p.mc, int(q) == r, scale)
	}
}

// transformCost returns the modelled cost of one 2-D transform of the plan's size.
func transformCost(nr, mc int) float64 {
	return float64(nr*mc) * (fft.Cost(nr) + fft.Cost(mc))
}

// fftPlan is a tiling of a job's outputs for the FFT method: tiles of tr×tc outputs, each
// computed from a patch of the extension in an nr×nc transform (nc = 2·mc); whole is set
// when one transform covers all outputs and the input is placed in it unextended (Fill
// only, see fftWhole).
type fftPlan struct {
	nr, mc, tr, tc int
	whole          bool
	cost           float64
}

// kernelSpectrum returns the packed spectrum, in p's layout, of the job's correlation
// kernel reversed (so that cyclic convolution with it is correlation with the kernel,
// offset by the kernel size − 1).
// zk is a pooled buffer of the plan's size.
func kernelSpectrum(p *plan2, zk []complex128, k Matrix) {
	rev := make([]float64, k.Cols)
	for a := range k.Rows {
		src := k.row(k.Rows - 1 - a)
		for b, v := range src {
			rev[k.Cols-1-b] = v
		}
		zeroNonFinite(rev) // fixed up afterwards (fixNonFinite)
		fft.Pack(p.row(zk, a), rev, false)
	}
	clear(zk[k.Rows*p.mc:])
	p.forward(zk, k.Rows)
}

// start returns the plan's transform, a scratch array for the input, the kernel's spectrum
// in a second one, and the function that gives both back.
func (fp fftPlan) start(k Matrix) (p *plan2, z, zk []complex128, done func()) {
	p = plan2For(fp.nr, fp.mc)
	z, zk, done = p.buffers()
	kernelSpectrum(p, zk, k)
	return p, z, zk, done
}

// buffers returns two scratch arrays of the plan's size from its pool, and the function
// that gives them back.
func (p *plan2) buffers() (z, zk []complex128, done func()) {
	b1, b2 := scratch.Get(p.nr*p.mc), scratch.Get(p.nr*p.mc)
	return *b1, *b2, func() { scratch.Put(b1); scratch.Put(b2) }
}

// fftTiles computes the job by overlap-save on tiles: each tile's patch of the extension
// (non-finite values replaced by zero if zeroBad) is transformed, multiplied by the
// kernel's spectrum and transformed back, and the outputs that saw no wrap-around are kept.
func fftTiles(j *job, fp fftPlan, zeroBad bool) {
	p, z, zk, done := fp.start(j.k)
	defer done()
	kr, kc := j.k.Rows, j.k.Cols
	pw := min(fp.tc, j.out.Cols) + kc - 1
	ext := make([]float64, pw)
	// One row filler per tile column.
	fillers := make([]*rowFiller, 0, (j.out.Cols+fp.tc-1)/fp.tc)
	for n0 := 0; n0 < j.out.Cols; n0 += fp.tc {
		tw := min(fp.tc, j.out.Cols-n0)
		fillers = append(fillers, newRowFiller(&j.ext, j.c0+n0, tw+kc-1))
	}
	for m0 := 0; m0 < j.out.Rows; m0 += fp.tr {
		th := min(fp.tr, j.out.Rows-m0)
		for ti, f := range fillers {
			n0 := ti * fp.tc
			tw := min(fp.tc, j.out.Cols-n0)
			e := ext[:tw+kc-1]
			ph := th + kr - 1
			for t := range ph {
				f.fill(e, j.r0+m0+t)
				if zeroBad {
					zeroNonFinite(e)
				}
				fft.Pack(p.row(z, t), e, false)
			}
			clear(z[ph*p.mc:])
			p.forward(z, ph)
			p.multiply(z, zk)
			p.inverse(z, kr-1, kr-1+th)
			for m := range th {
				o := j.out.row(m0 + m)
				fft.Unpack(o[n0:n0+tw], p.row(z, kr-1+m), kc-1)
			}
		}
	}
}

// fftWhole computes a Fill job with one transform that holds the input itself (non-finite
// values replaced by zero if zeroBad) rather than its extended patch, so that the transform
// needs only the input's size plus the kernel's, not twice the kernel's. Outside the input
// the extension is the fill value c, so each output is the transform's value plus c times
// the sum of the kernel elements whose terms fall outside the input (fillTerms), which is
// exactly zero for outputs that see no fill.
func fftWhole(j *job, fp fftPlan, zeroBad bool) {
	p, z, zk, done := fp.start(j.k)
	defer done()
	kr, kc := j.k.Rows, j.k.Cols
	src := j.ext.src
	buf := make([]float64, src.Cols)
	for r := range src.Rows {
		copy(buf, src.row(r))
		if zeroBad {
			zeroNonFinite(buf)
		}
		fft.Pack(p.row(z, r), buf, false)
	}
	clear(z[src.Rows*p.mc:])
	p.forward(z, src.Rows)
	p.multiply(z, zk)
	// Output (m, n) is the cyclic result at (r0+m+kr−1, c0+n+kc−1), which lies in
	// [0, nr) × [0, nc) because r0 ≥ −(kr−1) and the transform holds the full product.
	r1 := j.r0 + kr - 1
	p.inverse(z, r1, r1+j.out.Rows)
	var ft *fillTerms
	if j.ext.fill != 0 {
		ft = newFillTerms(j)
	}
	for m := range j.out.Rows {
		o := j.out.row(m)
		fft.Unpack(o, p.row(z, r1+m), j.c0+kc-1)
		if ft != nil {
			ft.add(o, m)
		}
	}
}

// fillTerms adds to a Fill job's outputs the terms of its fill positions: c times the sum of
// the kernel over the elements whose positions fall outside the input, the kernel's total
// less a rectangle of it (by 2-D prefix sums), so exactly zero where no term is outside.
type fillTerms struct {
	j     *job
	pre   []float64 // pre[a*(kc+1)+b] = Σ of k over rows < a, columns < b
	total float64
}

func newFillTerms(j *job) *fillTerms {
	kr, kc := j.k.Rows, j.k.Cols
	f := &fillTerms{j: j, pre: make([]float64, (kr+1)*(kc+1))}
	for a := range kr {
		var row float64
		for b, v := range j.k.row(a) {
			row += v
			f.pre[(a+1)*(kc+1)+b+1] = f.pre[a*(kc+1)+b+1] + row
		}
	}
	f.total = f.pre[kr*(kc+1)+kc]
	return f
}

// add adds the fill terms to output row m.
func (f *fillTerms) add(o []float64, m int) {
	j := f.j
	kr, kc := j.k.Rows, j.k.Cols
	R, C := j.ext.src.Rows, j.ext.src.Cols
	// Kernel rows a0 … a1−1 land on input rows, columns b0 … b1−1 on input columns.
	a0, a1 := min(max(-(j.r0+m), 0), kr), max(min(R-j.r0-m, kr), 0)
	a1 = max(a1, a0)
	w := kc + 1
	c := j.ext.fill
	for n := range o {
		b0, b1 := min(max(-(j.c0+n), 0), kc), max(min(C-j.c0-n, kc), 0)
		b1 = max(b1, b0)
		inside := f.pre[a1*w+b1] - f.pre[a0*w+b1] - f.pre[a1*w+b0] + f.pre[a0*w+b0]
		if out := f.total - inside; out != 0 {
			o[n] += c * out
		}
	}
}

// zeroNonFinite replaces the NaN and ±Inf elements of x by 0.
func zeroNonFinite(x []float64) {
	for i, v := range x {
		if v-v != 0 {
			x[i] = 0
		}
	}
}

// maxFinite returns the largest magnitude among m's finite elements and the number of its
// non-finite ones.
func maxFinite(m Matrix) (mx float64, bad int) {
	for i := range m.Rows {
		for _, v := range m.row(i) {
			if v-v != 0 {
				bad++
			} else if a := math.Abs(v); a > mx {
				mx = a
			}
		}
	}
	return mx, bad
}
