package main

// Reviewer's hostile-user tests of the blur program: malformed and odd images, odd kernel
// files and flags. Every bad input must give exit status 2 and one line on stderr starting
// "blur: ", never a panic; odd but valid inputs must give the right pixels.

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// rvChunk appends a PNG chunk.
func rvChunk(b *bytes.Buffer, typ string, data []byte) {
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(data)))
	b.Write(n[:])
	b.WriteString(typ)
	b.Write(data)
	binary.BigEndian.PutUint32(n[:], crc32.ChecksumIEEE(append([]byte(typ), data...)))
	b.Write(n[:])
}

// rvRawPNG builds a PNG by hand (so that it can have colour types the standard encoder
// never writes, such as gray+alpha): rows are the unfiltered scanlines.
func rvRawPNG(w, h int, colorType, depth byte, rows [][]byte, extra ...[2]string) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9] = depth, colorType
	rvChunk(&b, "IHDR", ihdr)
	for _, e := range extra {
		rvChunk(&b, e[0], []byte(e[1]))
	}
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	for _, r := range rows {
		zw.Write([]byte{0})
		zw.Write(r)
	}
	zw.Close()
	rvChunk(&b, "IDAT", z.Bytes())
	rvChunk(&b, "IEND", nil)
	return b.Bytes()
}

// rvRunBad runs the program and requires exit 2 and one "blur: " line on stderr.
func rvRunBad(t *testing.T, stdin []byte, args ...string) string {
	t.Helper()
	var code int
	var errs string
	func() {
		defer func() {
			if r := recover(); r != nil {
				t.Errorf("%q: panic: %v", args, r)
			}
		}()
		code, _, errs = runProgram(t, stdin, args...)
	}()
	if code != 2 {
		t.Errorf("%q: exit %d, want 2 (stderr %q)", args, code, errs)
	}
	if !strings.HasPrefix(errs, "blur: ") || strings.Count(errs, "\n") != 1 || !strings.HasSuffix(errs, "\n") {
		t.Errorf("%q: stderr %q is not one line starting \"blur: \"", args, errs)
	}
	return errs
}

// TestReviewHostileImages: broken, truncated, wrongly sized and lying images.
func TestReviewHostileImages(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out.png")
	good := encode(t, testImages()["rgba"])
	badCRC := append([]byte(nil), good...)
	badCRC[30] ^= 0xff // inside IHDR's CRC
	zero := rvRawPNG(0, 5, 0, 8, nil)
	lying := rvRawPNG(4000, 4000, 0, 8, [][]byte{make([]byte, 4000)}) // one row of 4000
	badDepth := rvRawPNG(2, 2, 0, 7, [][]byte{{0}, {0}})
	hugeW := hugePNG(t, 1<<31-1, 1)
	hugeBoth := hugePNG(t, 1<<30, 1<<30)
	pixLimit := hugePNG(t, 1<<25+1, 1)
	files := map[string][]byte{
		"empty.png":     nil,
		"sig.png":       []byte("\x89PNG\r\n\x1a\n"),
		"trunc.png":     good[:len(good)/2],
		"badcrc.png":    badCRC,
		"zero.png":      zero,
		"lying.png":     lying,
		"depth7.png":    badDepth,
		"hugew.png":     hugeW,
		"hugeboth.png":  hugeBoth,
		"pixlimit.png":  pixLimit,
		"soi.jpg":       []byte{0xff, 0xd8},
		"soieoi.jpg":    []byte{0xff, 0xd8, 0xff, 0xd9},
		"nul.png":       make([]byte, 4096),
		"multiline.png": []byte("line one\nline two\n"),
	}
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		for _, f := range [][]string{{"-sigma", "1"}, {"-box", "3"}} {
			rvRunBad(t, nil, append(f, "-o", out, p)...)
		}
		rvRunBad(t, data, "-sigma", "2", "-o", out, "-") // from standard input
	}
	rvRunBad(t, nil, "-sigma", "1", "-o", out, dir) // a directory
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("an output was written for bad input")
	}
}

// TestReviewHostileFlags: flag values a user might mistype.
func TestReviewHostileFlags(t *testing.T) {
	dir := t.TempDir()
	img := filepath.Join(dir, "in.png")
	if err := os.WriteFile(img, encode(t, testImages()["gray"]), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "o.png")
	for _, args := range [][]string{
		{"-sigma", "1e309", "-o", out, img},
		{"-sigma", "-0", "-o", out, img},
		{"-sigma", "+Inf", "-o", out, img},
		{"-sigma", "", "-o", out, img},
		{"-box", "-3", "-o", out, img},
		{"-box", "99999999999999999999", "-o", out, img},
		{"-box", "1.5", "-o", out, img},
		{"-box", "2000000", "-o", out, img},
		{"-sigma", "1", "-fill", "NaN", "-boundary", "fill", "-o", out, img},
		{"-sigma", "1", "-fill", "-0.5", "-o", out, img},
		{"-sigma", "1", "-boundary", "", "-o", out, img},
		{"-sigma", "1", "-boundary", "SYMM", "-o", out, img},
		{"-sigma", "1", "-o", out, img, img},
		{"-sigma", "1", "-o", "", img},
		{"-sigma", "1", "-kernel", img, "-o", out, img},
		{"-kernel", "", "-o", out, img},
		{"-o"},
		{"--sigma=1", "-o", out},
		{"-sigma", "1\n2", "-o", out, img},
	} {
		rvRunBad(t, nil, args...)
	}
}

// TestReviewHostileKernels: kernel files with odd bytes and sizes, each a one-line error.
func TestReviewHostileKernels(t *testing.T) {
	dir := t.TempDir()
	img := filepath.Join(dir, "in.png")
	if err := os.WriteFile(img, encode(t, testImages()["gray"]), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "o.png")
	long := strings.Repeat("1", 1<<20)
	wide := strings.Repeat("1 ", 4097) + "\n"
	bad := map[string]string{
		"nul":       "1 2\x003\n",
		"nulonly":   "\x00\x00\x00",
		"minus":     "1 \u22121\n",
		"bom":       "\ufeff1 2\n3 4\n",
		"exp":       "1e400\n",
		"negexp":    "-1e309 1\n",
		"nan":       "NaN\n",
		"longtoken": long + "x\n",
		"longline":  strings.Repeat("0.5,", 1<<18) + "zz\n",
		"wide":      wide,
		"tall":      strings.Repeat("1\n", 4097),
		"ragged":    "1 2\r\n3\r\n",
		"invalid":   "1 \xff\xfe 2\n",
		"onlyseps":  " , ; \t \r\n",
		"multiline": "1 2\n3 x\ny\n",
		"dot":       ".\n",
	}
	for name, text := range bad {
		p := filepath.Join(dir, name+".txt")
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		msg := rvRunBad(t, nil, "-kernel", p, "-o", out, img)
		if len(msg) > 400 {
			t.Errorf("%s: a %d-byte error message", name, len(msg))
		}
	}
	// Valid: CRLF, exponents, hex floats, tabs and semicolons, and a kernel larger than the
	// image; the output must be the convolution (identity kernels give the input back).
	for name, text := range map[string]string{
		"crlf":    "0 0 0\r\n0 1 0\r\n0 0 0\r\n",
		"exp":     "0e5 1E0 -0.0e-3\n",
		"hex":     "0x1p0\n",
		"tabs":    "\t0;1;0\t\n",
		"big":     strings.Repeat(strings.Repeat("0 ", 25)+"\n", 12) + strings.Repeat("0 ", 12) + "1 " + strings.Repeat("0 ", 12) + "\n" + strings.Repeat(strings.Repeat("0 ", 25)+"\n", 12),
		"comment": "# identity\n1 # the centre\n",
	} {
		p := filepath.Join(dir, name+".txt")
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		code, _, errs := runProgram(t, nil, "-kernel", p, "-boundary", "nearest", "-o", out, img)
		if code != 0 {
			t.Errorf("%s: exit %d: %s", name, code, errs)
			continue
		}
		data, _ := os.ReadFile(out)
		samePixels(t, testImages()["gray"], decodeAny(t, data), name)
	}
}

// TestReviewAlphaKinds: gray+alpha PNGs (8 and 16 bit), paletted with transparency, and
// 16-bit colour with low alpha go through an identity kernel; the output's non-premultiplied
// colour must equal the input's where alpha is not 0 (8-bit: the doc allows one level under
// alpha 1/255). Fails for 16-bit: the planes are read from a premultiplied RGBA64 (draw.Draw)
// and written as premultiplied RGBA64, so the colour under alpha a/65535 is quantised to
// steps of 65535/a: at alpha 1 it is lost (written as black), at alpha 100 it errs by up to
// 655/65535 (2.5 8-bit levels); the 8-bit path keeps the extra precision, the 16-bit one has
// none, and the doc mentions only the 8-bit case.
func TestReviewAlphaKinds(t *testing.T) {
	dir := t.TempDir()
	id := filepath.Join(dir, "id.txt")
	if err := os.WriteFile(id, []byte("1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "o.png")
	// 8-bit gray+alpha: every alpha 0…255 with gray values across the range.
	var rows8 [][]byte
	for a := range 256 {
		row := make([]byte, 0, 2*16)
		for g := 0; g < 256; g += 17 {
			row = append(row, byte(g), byte(a))
		}
		rows8 = append(rows8, row)
	}
	ga8 := rvRawPNG(16, 256, 4, 8, rows8)
	// 16-bit gray+alpha with small alphas.
	var rows16 [][]byte
	for _, a := range []uint16{1, 2, 3, 100, 255, 256, 257, 1000, 65534, 65535} {
		row := []byte{}
		for _, g := range []uint16{0, 1, 1000, 32768, 40000, 65535} {
			row = binary.BigEndian.AppendUint16(row, g)
			row = binary.BigEndian.AppendUint16(row, a)
		}
		rows16 = append(rows16, row)
	}
	ga16 := rvRawPNG(6, 10, 4, 16, rows16)
	// Paletted with a transparent and a half-transparent entry.
	pal := rvRawPNG(3, 1, 3, 8, [][]byte{{0, 1, 2}}, [2]string{"PLTE", "\xff\x00\x00\x00\xff\x00\x10\x20\x30"}, [2]string{"tRNS", "\x00\x80"})
	for name, data := range map[string][]byte{"ga8": ga8, "ga16": ga16, "pal": pal} {
		in, _, err := image.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: the test image does not decode: %v", name, err)
		}
		p := filepath.Join(dir, name+".png")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		for _, f := range [][]string{{"-kernel", id}, {"-box", "1"}} {
			code, _, errs := runProgram(t, nil, append(f, "-o", out, p)...)
			if code != 0 {
				t.Errorf("%s %v: exit %d: %s", name, f, code, errs)
				continue
			}
			data, _ := os.ReadFile(out)
			got := decodeAny(t, data)
			b := in.Bounds()
			worst := 0
			for y := b.Min.Y; y < b.Max.Y; y++ {
				for x := b.Min.X; x < b.Max.X; x++ {
					w := color.NRGBA64Model.Convert(in.At(x, y)).(color.NRGBA64)
					g := color.NRGBA64Model.Convert(got.At(x, y)).(color.NRGBA64)
					if w.A != g.A {
						t.Errorf("%s %v (%d,%d): alpha %d, want %d", name, f, x, y, g.A, w.A)
					}
					if w.A == 0 {
						continue
					}
					tol := 0
					if is8 := name != "ga16"; is8 {
						tol = 257 // one 8-bit level
					}
					for _, d := range []int{int(w.R) - int(g.R), int(w.G) - int(g.G), int(w.B) - int(g.B)} {
						d = max(d, -d)
						if d > tol && d > worst {
							worst = d
							t.Errorf("%s %v (%d,%d) alpha %d: colour %v, want %v", name, f, x, y, w.A, g, w)
						}
					}
				}
			}
		}
	}
}

// TestReviewTinySigma: -sigma 1e-200 passes the program's check (> 0) and should leave the
// image as it is (scipy.ndimage skips a sigma ≤ 1e-15; a Gaussian that narrow is the
// identity); the program writes a black image instead (GaussianKernel's weights are NaN).
func TestReviewTinySigma(t *testing.T) {
	dir := t.TempDir()
	src := testImages()["gray"]
	img := filepath.Join(dir, "in.png")
	if err := os.WriteFile(img, encode(t, src), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "o.png")
	for _, s := range []string{"1e-10", "1e-200", "5e-324"} {
		code, _, errs := runProgram(t, nil, "-sigma", s, "-o", out, img)
		if code != 0 {
			t.Errorf("-sigma %s: exit %d: %s", s, code, errs)
			continue
		}
		data, _ := os.ReadFile(out)
		got := decodeAny(t, data)
		diff := 0
		b := src.Bounds()
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				if color.GrayModel.Convert(src.At(x, y)) != color.GrayModel.Convert(got.At(x, y)) {
					diff++
				}
			}
		}
		if diff > 0 {
			t.Errorf("-sigma %s: %d of %d pixels changed, want the input back", s, diff, b.Dx()*b.Dy())
		}
	}
}

// TestReviewThinImageMemory: a 1×6000 gray PNG with -sigma 1000 passes the program's cost
// check (2·8001·6000·4 < 2e10 multiply-adds) but conv2d's column pass fills 8001 extended
// rows of the whole width: 8001·6000·8 B = 384 MB for a 6 kB image. At 1×312000 (also
// accepted) that is 20 GB, over the machine's memory. The program should stay within a small
// multiple of the image's float planes.
func TestReviewThinImageMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("allocates hundreds of megabytes while the bug is there")
	}
	dir := t.TempDir()
	g := image.NewGray(image.Rect(0, 0, 6000, 1))
	for i := range g.Pix {
		g.Pix[i] = byte(i * 7)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, g); err != nil {
		t.Fatal(err)
	}
	img := filepath.Join(dir, "thin.png")
	if err := os.WriteFile(img, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	var m0, m1 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m0)
	code, _, errs := runProgram(t, nil, "-sigma", "1000", "-o", filepath.Join(dir, "o.png"), img)
	runtime.ReadMemStats(&m1)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	alloc := m1.TotalAlloc - m0.TotalAlloc
	if limit := uint64(64 << 20); alloc > limit {
		t.Errorf("blur -sigma 1000 on a 1×6000 image allocated %d MB, want at most %d MB", alloc>>20, limit>>20)
	}
}
