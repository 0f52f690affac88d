// Command blur filters an image: a Gaussian blur, a box (mean) filter, or a convolution
// with a kernel read from a file, through package conv2d (scipy.ndimage / scipy.signal
// semantics), each channel in float64.
//
// Usage:
//
//	blur (-sigma S | -box N | -kernel FILE) [-boundary B] [-fill V] -o OUT.png IN
//
// IN is a PNG or JPEG file ("-" for standard input). The result is written as PNG to OUT
// ("-" for standard output). Exactly one filter is given:
//
//   - -sigma S: scipy.ndimage.gaussian_filter with standard deviation S pixels (S > 0,
//     truncated at 4 S), conv2d.GaussianFilter.
//   - -box N: the mean over an N×N window (scipy.ndimage.uniform_filter), conv2d.UniformFilter.
//   - -kernel FILE: convolution with the kernel in FILE, keeping the image's size
//     (scipy.signal.convolve2d with mode "same"), conv2d.Convolve. FILE is text: one kernel
//     row per line, numbers separated by commas, spaces or tabs; blank lines and "#"
//     comments are skipped; every row must have the same length. The kernel is used as
//     given (not normalised).
//
// -boundary is how the image is extended past its edges: symm (default; ndimage's
// "reflect"), mirror, nearest, wrap or fill; scipy's and numpy's names are accepted too
// (see conv2d.ParseBoundary). -fill V, for fill, is the value outside the image as a
// fraction of full intensity (default 0, black), opaque.
//
// Each channel is filtered in float64 and rounded back to its depth: images with 16 bits
// per channel stay 16-bit, others become 8-bit; gray images stay gray, others are written
// as RGBA (non-premultiplied where they are not opaque, at either depth). Colour is filtered premultiplied by
// alpha (as image/color stores it), so that transparent pixels do not bleed their colour;
// an 8-bit colour under alpha 1/255 may come back one level off.
//
// Limits, so that no input takes more than 1 GiB or more than a few seconds: images of at most
// 8 Mpixel (4K UHD fits) and 128 MiB, -sigma at most 1000, kernels of at most 1024×1024
// numbers and 64 MiB, and no filter whose modelled work on the image is over 4·10⁹
// multiply-adds (on an 8-Mpixel colour image the largest accepted are -sigma 7, -box 900 and a
// 10×10 kernel); the message says which limit was hit. -max-pixels N raises (or lowers) the
// image limit to N pixels, and the file size (16 bytes a pixel) and work limits with it, for
// larger photographs on machines with more memory (about 100 bytes a pixel at the peak).
//
// Exit status: 0 on success; 2 for a bad flag, an unreadable or undecodable image, a bad
// kernel file (the message names the line and column) or a size over the limits; 1 if the
// output cannot be written.
//
// Examples:
//
//	go run ./examples/blur -sigma 3 -o blurred.png photo.jpg
//	go run ./examples/blur -box 9 -boundary nearest -o boxed.png photo.png
//	go run ./examples/blur -kernel sharpen.txt -o sharp.png photo.png
package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/color"
	_ "image/jpeg" // JPEG decoder
	"image/png"
	"io"
	"math"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"unicode"

	"github.com/polyconv/polyconv/conv2d"
	"github.com/polyconv/polyconv/poly"
)

// Limits on user input, so that with the default -max-pixels no input can take more than
// 1 GiB of memory or more than a few seconds (about 4 s for the slowest, a 16-bit noisy
// 8-Mpixel image, on a shared machine). -max-pixels raises the pixel, file size and work
// limits in proportion, for larger photographs on larger machines.
const (
	defaultMaxPixels = 1 << 23  // 8 Mpixel (4K UHD fits): four float64 channels are 256 MiB
	maxMaxPixels     = 1 << 28  // the most -max-pixels takes (256 Mpixel, about 10 GiB)
	bytesPerPixel    = 16       // of compressed input allowed: 128 MiB at 8 Mpixel
	maxKernelSide    = 1024     // rows or columns of a kernel file
	maxKernelFile    = 64 << 20 // bytes of a kernel file
	maxSigma         = 1000     // pixels
	maxBox           = 1 << 20
	// opsPerPixel bounds the work of a filter, in multiply-adds of direct sums (see
	// filterOps), per pixel of -max-pixels: 4e9 at 8 Mpixel.
	opsPerPixel = 4e9 / defaultMaxPixels
	// fftOpsPerPoint is the cost, in those units, of one point of the patch (image plus
	// kernel − 1 each way) that Convolve transforms when it uses FFTs: measured, 1.6 s for
	// a 4096×4096 gray image and a 1024×1024 kernel.
	fftOpsPerPoint = 300
	// maxKernelValue keeps products far from overflow, where Convolve would have to sum a
	// large kernel directly (hours for the largest kernels the limits allow).
	maxKernelValue = 1e100
	// memoryPerPixel is the Go heap size per pixel of -max-pixels above which the garbage
	// collector works harder (debug.SetMemoryLimit), so that garbage does not double the
	// peak of the largest images: 640 MiB at 8 Mpixel.
	memoryPerPixel = 80
)

// limits are the bounds one run applies, from -max-pixels.
type limits struct {
	pixels, inputBytes int
	ops                float64
}

func newLimits(pixels int) limits {
	return limits{pixels: pixels, inputBytes: max(bytesPerPixel*pixels, 1<<20), ops: opsPerPixel * float64(pixels)}
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// usageError is a problem with the command line or the inputs: exit status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func bad(format string, a ...any) error { return &usageError{fmt.Sprintf(format, a...)} }

// run is the program with its arguments and streams; it returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("blur", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	sigma := fs.Float64("sigma", 0, "Gaussian blur with this standard deviation in pixels (> 0)")
	box := fs.Int("box", 0, "mean filter over an N×N window (N ≥ 1)")
	kernelFile := fs.String("kernel", "", "convolve with the kernel in this text/CSV file")
	boundaryName := fs.String("boundary", "symm", "edge extension: symm, mirror, nearest, wrap or fill")
	fill := fs.Float64("fill", 0, "value outside the image for -boundary fill, as a fraction of full intensity")
	outName := fs.String("o", "", "output PNG file (- for standard output)")
	maxPixels := fs.Int("max-pixels", defaultMaxPixels, "refuse larger images; the limits on file size and work grow with it")
	usage := func() {
		fmt.Fprintln(stderr, "usage: blur (-sigma S | -box N | -kernel FILE) [-boundary B] [-fill V] -o OUT.png IN")
		fs.SetOutput(stderr)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage()
			return 0
		}
		fmt.Fprintf(stderr, "blur: %v (see blur -h)\n", err)
		return 2
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	var err error
	if *maxPixels < 1 || *maxPixels > maxMaxPixels {
		err = bad("-max-pixels must be between 1 and %d, not %d", maxMaxPixels, *maxPixels)
	} else {
		debug.SetMemoryLimit(int64(memoryPerPixel * *maxPixels))
		err = blur(fs.Args(), set, *sigma, *box, *kernelFile, *boundaryName, *fill, *outName, newLimits(*maxPixels), stdin, stdout)
	}
	if err != nil {
		fmt.Fprintf(stderr, "blur: %v\n", oneLine(err.Error()))
		var ue *usageError
		if errors.As(err, &ue) {
			return 2
		}
		return 1
	}
	return 0
}

// oneLine keeps an error message on one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// blur checks the options, reads the image, filters it and writes it.
func blur(args []string, set map[string]bool, sigma float64, box int, kernelFile, boundaryName string, fill float64, outName string, lim limits, stdin io.Reader, stdout io.Writer) error {
	n := 0
	for _, f := range []string{"sigma", "box", "kernel"} {
		if set[f] {
			n++
		}
	}
	switch {
	case n == 0:
		return bad("give one filter: -sigma S, -box N or -kernel FILE")
	case n > 1:
		return bad("give only one of -sigma, -box and -kernel")
	case len(args) != 1:
		return bad("give one input image (got %d arguments)", len(args))
	case outName == "":
		return bad("give the output file with -o OUT.png")
	case set["sigma"] && !(sigma > 0 && sigma <= maxSigma):
		return bad("-sigma must be a number > 0 and at most %d, not %v", maxSigma, sigma)
	case set["box"] && (box < 1 || box > maxBox):
		return bad("-box must be between 1 and %d, not %d", maxBox, box)
	case !(fill >= 0 && fill <= 1):
		return bad("-fill must be between 0 and 1, not %v", fill)
	}
	b, err := conv2d.ParseBoundary(boundaryName)
	if err != nil {
		return bad("-boundary: unknown boundary %q (want symm, mirror, nearest, wrap or fill)", boundaryName)
	}
	var kernel conv2d.Matrix
	if set["kernel"] {
		if kernel, err = readKernelFile(kernelFile); err != nil {
			return err
		}
	}
	img, err := readImage(args[0], lim, stdin)
	if err != nil {
		return err
	}
	r := img.Bounds()
	nch := 4
	switch img.(type) {
	case *image.Gray, *image.Gray16:
		nch = 1 // as channels makes them
	}
	if ops := filterOps(set, sigma, box, kernel, r.Dy(), r.Dx(), nch); ops > lim.ops {
		return bad("%s on a %d×%d image would take about %.1e multiply-adds, over the limit of %.0e; use a smaller filter or image (or raise -max-pixels)", filterName(set, sigma, box, kernel), r.Dx(), r.Dy(), ops, lim.ops)
	}
	ch := channels(img)
	img = nil // the planes hold it now: let the collector have it
	for i, c := range ch.planes {
		// Outside the image is the fill colour, opaque: alpha (the fourth plane) is full.
		cval := fill * ch.scale()
		if i == 3 {
			cval = ch.scale()
		}
		switch {
		case set["sigma"]:
			conv2d.GaussianFilter(c, c, sigma, b, cval)
		case set["box"]:
			conv2d.UniformFilter(c, c, box, b, cval)
		default:
			conv2d.Convolve(c, c, kernel, conv2d.Options{Mode: poly.Same, Boundary: b, FillValue: cval})
		}
	}
	return writePNG(outName, ch.image(r), stdout)
}

// filterOps returns the modelled work of the filter on an h×w image of nch channels, in
// multiply-adds of direct sums: the Gaussian's two direct passes; the box's direct passes
// (sizes up to 11) or running sums, whose column pass restarts every 32 rows; the kernel's
// direct sums or FFTs, whichever is cheaper, as conv2d.Convolve chooses.
func filterOps(set map[string]bool, sigma float64, box int, kernel conv2d.Matrix, h, w, nch int) float64 {
	H, W, N := float64(h), float64(w), float64(nch)
	switch {
	case set["sigma"]:
		taps := 2*math.Floor(4*sigma+0.5) + 1
		return N * 2 * taps * H * W
	case set["box"]:
		n := float64(box)
		if box <= 11 {
			return N * 2 * n * H * W
		}
		// The restarts read whole rows scattered over the image: measured, about four
		// times the cost of a multiply-add of the direct passes.
		return N * (4*math.Ceil(H/32)*n*W + 2*H*W + 2*H*(W+n))
	}
	kr, kc := float64(kernel.Rows), float64(kernel.Cols)
	direct := H * W * kr * kc
	if kernel.Rows*kernel.Cols <= 64 {
		return N * direct
	}
	return N * min(direct, fftOpsPerPoint*(H+kr-1)*(W+kc-1))
}

// filterName names the filter for a message.
func filterName(set map[string]bool, sigma float64, box int, kernel conv2d.Matrix) string {
	switch {
	case set["sigma"]:
		return fmt.Sprintf("-sigma %v", sigma)
	case set["box"]:
		return fmt.Sprintf("-box %d", box)
	}
	return fmt.Sprintf("a %d×%d kernel", kernel.Rows, kernel.Cols)
}

// readImage decodes the PNG or JPEG in the named file (or standard input for "-"),
// refusing images over lim.pixels before decoding their pixels.
func readImage(name string, lim limits, stdin io.Reader) (image.Image, error) {
	var r io.Reader = stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, bad("cannot read the image: %v", err)
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, int64(lim.inputBytes)+1))
	if err != nil {
		return nil, bad("cannot read %s: %v", name, err)
	}
	if len(data) > lim.inputBytes {
		return nil, bad("%s is over %d MiB (raise -max-pixels for larger images)", name, lim.inputBytes>>20)
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, bad("%s is not a PNG or JPEG image: %v", name, err)
	}
	if format != "png" && format != "jpeg" {
		return nil, bad("%s is a %s image; blur reads PNG and JPEG", name, format)
	}
	if cfg.Width < 1 || cfg.Height < 1 || float64(cfg.Width)*float64(cfg.Height) > float64(lim.pixels) {
		return nil, bad("%s is %d×%d pixels; blur takes 1 to %d pixels (see -max-pixels)", name, cfg.Width, cfg.Height, lim.pixels)
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, bad("cannot decode %s: %v", name, err)
	}
	return img, nil
}

// planes is an image as float64 channels: one for gray images, with values in [0, max]
// (255 or 65535, the image's depth); four otherwise, premultiplied R, G, B and A in
// [0, 65535] whatever the depth, so that 8-bit colour under partial transparency keeps
// its precision until it is written.
type planes struct {
	planes []conv2d.Matrix
	max    int // 255 or 65535: the depth written
	gray   bool
}

// scale returns the largest value of the planes (the full intensity the fill value is a
// fraction of).
func (p planes) scale() float64 {
	if p.gray {
		return float64(p.max)
	}
	return 65535
}

// channels splits img into planes.
func channels(img image.Image) planes {
	r := img.Bounds()
	w, h := r.Dx(), r.Dy()
	p := planes{max: 255}
	switch img.(type) {
	case *image.Gray16, *image.RGBA64, *image.NRGBA64:
		p.max = 65535
	}
	switch g := img.(type) {
	case *image.Gray, *image.Gray16:
		p.gray = true
		m := conv2d.NewMatrix(h, w, nil)
		for y := range h {
			for x := range w {
				if p.max == 255 {
					m.Data[y*w+x] = float64(g.(*image.Gray).GrayAt(r.Min.X+x, r.Min.Y+y).Y)
				} else {
					m.Data[y*w+x] = float64(g.(*image.Gray16).Gray16At(r.Min.X+x, r.Min.Y+y).Y)
				}
			}
		}
		p.planes = []conv2d.Matrix{m}
		return p
	}
	for range 4 {
		p.planes = append(p.planes, conv2d.NewMatrix(h, w, nil))
	}
	// Colour is premultiplied in float64 from the non-premultiplied values, so that even
	// under the lowest alpha it comes back exactly.
	for y := range h {
		for x := range w {
			c := color.NRGBA64Model.Convert(img.At(r.Min.X+x, r.Min.Y+y)).(color.NRGBA64)
			i := y*w + x
			a := float64(c.A)
			p.planes[0].Data[i] = float64(c.R) * a / 65535
			p.planes[1].Data[i] = float64(c.G) * a / 65535
			p.planes[2].Data[i] = float64(c.B) * a / 65535
			p.planes[3].Data[i] = a
		}
	}
	return p
}

// quantize rounds v to the nearest integer in [0, max] (NaN, which a kernel of infinities
// could give, becomes 0).
func quantize(v float64, max int) int {
	if !(v > 0) {
		return 0
	}
	if v >= float64(max) {
		return max
	}
	return int(math.Round(v))
}

// image rebuilds an image of the planes' depth: gray as gray; 16-bit colour as
// premultiplied RGBA64; 8-bit colour as RGBA if it is opaque, else as non-premultiplied
// NRGBA computed from the unrounded planes.
func (p planes) image(r image.Rectangle) image.Image {
	w, h := r.Dx(), r.Dy()
	rect := image.Rect(0, 0, w, h)
	if p.gray {
		d := p.planes[0].Data
		if p.max == 255 {
			g := image.NewGray(rect)
			for i, v := range d {
				g.Pix[i] = uint8(quantize(v, 255))
			}
			return g
		}
		g := image.NewGray16(rect)
		for i, v := range d {
			g.SetGray16(i%w, i/w, color.Gray16{Y: uint16(quantize(v, 65535))})
		}
		return g
	}
	R, G, B, A := p.planes[0].Data, p.planes[1].Data, p.planes[2].Data, p.planes[3].Data
	opaque := true
	for _, a := range A {
		if p.max == 65535 {
			opaque = opaque && quantize(a, 65535) == 65535
		} else {
			opaque = opaque && quantize(a/257, 255) == 255
		}
	}
	if p.max == 65535 {
		// 16-bit colour as non-premultiplied NRGBA64 from the unrounded planes (rounding
		// premultiplied values to 16 bits would lose colour under low alpha).
		out := image.NewNRGBA64(rect)
		for i := range w * h {
			a := A[i]
			qa := quantize(a, 65535)
			if qa == 0 {
				continue // transparent: no colour
			}
			c := [3]uint16{}
			for k, v := range []float64{R[i], G[i], B[i]} {
				if opaque || qa == 65535 {
					c[k] = uint16(quantize(v, 65535))
				} else {
					c[k] = uint16(quantize(v/a*65535, 65535))
				}
			}
			out.SetNRGBA64(i%w, i/w, color.NRGBA64{R: c[0], G: c[1], B: c[2], A: uint16(qa)})
		}
		return out
	}
	if opaque {
		out := image.NewRGBA(rect)
		for i := range w * h {
			for c, v := range []float64{R[i], G[i], B[i]} {
				out.Pix[4*i+c] = uint8(quantize(v/257, 255))
			}
			out.Pix[4*i+3] = 255
		}
		return out
	}
	out := image.NewNRGBA(rect)
	for i := range w * h {
		a := A[i]
		if quantize(a/257, 255) == 0 {
			continue // transparent: no colour
		}
		for c, v := range []float64{R[i], G[i], B[i]} {
			out.Pix[4*i+c] = uint8(quantize(v/a*255, 255))
		}
		out.Pix[4*i+3] = uint8(quantize(a/257, 255))
	}
	return out
}

// writePNG encodes img to the named file, or to stdout for "-".
func writePNG(name string, img image.Image, stdout io.Writer) error {
	var buf bytes.Buffer
	// The fastest compression: the default takes seconds on a large noisy image.
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, img); err != nil {
		return fmt.Errorf("cannot encode the PNG: %v", err)
	}
	if name == "-" {
		_, err := stdout.Write(buf.Bytes())
		return err
	}
	if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("cannot write the output: %v", err)
	}
	return nil
}

// readKernelFile reads a kernel file (see the package comment).
func readKernelFile(name string) (conv2d.Matrix, error) {
	f, err := os.Open(name)
	if err != nil {
		return conv2d.Matrix{}, bad("cannot read the kernel: %v", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxKernelFile+1))
	if err != nil {
		return conv2d.Matrix{}, bad("cannot read the kernel %s: %v", name, err)
	}
	if len(data) > maxKernelFile {
		return conv2d.Matrix{}, bad("kernel file %s is over %d MiB", name, maxKernelFile>>20)
	}
	return parseKernel(name, data)
}

// parseKernel parses kernel text: rows of numbers, one row per line.
func parseKernel(name string, data []byte) (conv2d.Matrix, error) {
	var vals []float64
	cols, rows := -1, 0
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 1<<16), maxKernelFile+1)
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		if i := strings.IndexByte(text, '#'); i >= 0 {
			text = text[:i]
		}
		var row []float64
		col := 0
		for col < len(text) {
			c := rune(text[col])
			if c == ',' || c == ';' || unicode.IsSpace(c) {
				col++
				continue
			}
			end := col
			for end < len(text) && text[end] != ',' && text[end] != ';' && !unicode.IsSpace(rune(text[end])) {
				end++
			}
			v, err := strconv.ParseFloat(text[col:end], 64)
			if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
				return conv2d.Matrix{}, bad("%s:%d:%d: %q is not a finite number", name, line, col+1, truncate(text[col:end]))
			}
			if math.Abs(v) > maxKernelValue {
				return conv2d.Matrix{}, bad("%s:%d:%d: %q is larger than %g in magnitude", name, line, col+1, truncate(text[col:end]), maxKernelValue)
			}
			row = append(row, v)
			col = end
		}
		if len(row) == 0 {
			continue
		}
		switch {
		case cols < 0:
			cols = len(row)
		case len(row) != cols:
			return conv2d.Matrix{}, bad("%s:%d: the kernel is not rectangular: this row has %d numbers, the first has %d", name, line, len(row), cols)
		}
		rows++
		if rows > maxKernelSide || cols > maxKernelSide {
			return conv2d.Matrix{}, bad("%s:%d: the kernel is larger than %d×%d", name, line, maxKernelSide, maxKernelSide)
		}
		vals = append(vals, row...)
	}
	if err := sc.Err(); err != nil {
		return conv2d.Matrix{}, bad("cannot read the kernel %s: %v", name, err)
	}
	if rows == 0 {
		return conv2d.Matrix{}, bad("%s: the kernel file has no numbers", name)
	}
	return conv2d.NewMatrix(rows, cols, vals), nil
}

// truncate shortens a quoted fragment of input for an error message.
func truncate(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}
