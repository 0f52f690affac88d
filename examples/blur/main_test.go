package main

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/polyconv/polyconv/conv2d"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// runProgram runs the program and returns its exit status, stdout and stderr.
func runProgram(t *testing.T, stdin []byte, args ...string) (int, []byte, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, bytes.NewReader(stdin), &out, &errb)
	return code, out.Bytes(), errb.String()
}

// encode returns img as PNG.
func encode(t *testing.T, img image.Image) []byte {
	var b bytes.Buffer
	require.NoError(t, png.Encode(&b, img))
	return b.Bytes()
}

// decode reads a PNG.
func decode(t *testing.T, data []byte) image.Image {
	img, err := png.Decode(bytes.NewReader(data))
	require.NoError(t, err)
	return img
}

// writeFile writes data to a file in a temporary directory and returns its path.
func writeFile(t *testing.T, name string, data []byte) string {
	p := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(p, data, 0o644))
	return p
}

// testImages returns small images of every kind the program keeps apart: 8-bit gray and
// colour, 16-bit gray and colour, and colour with transparency.
func testImages() map[string]image.Image {
	rng := rand.New(rand.NewPCG(1, 2))
	r := image.Rect(0, 0, 13, 9)
	gray, gray16 := image.NewGray(r), image.NewGray16(r)
	rgba, rgba64, nrgba := image.NewRGBA(r), image.NewRGBA64(r), image.NewNRGBA(r)
	for y := range 9 {
		for x := range 13 {
			gray.SetGray(x, y, color.Gray{uint8(rng.IntN(256))})
			gray16.SetGray16(x, y, color.Gray16{uint16(rng.IntN(65536))})
			rgba.SetRGBA(x, y, color.RGBA{uint8(rng.IntN(256)), uint8(rng.IntN(256)), uint8(rng.IntN(256)), 255})
			rgba64.SetRGBA64(x, y, color.RGBA64{uint16(rng.IntN(65536)), uint16(rng.IntN(65536)), uint16(rng.IntN(65536)), 65535})
			nrgba.SetNRGBA(x, y, color.NRGBA{uint8(rng.IntN(256)), uint8(rng.IntN(256)), uint8(rng.IntN(256)), uint8(rng.IntN(256))})
		}
	}
	return map[string]image.Image{"gray": gray, "gray16": gray16, "rgba": rgba, "rgba64": rgba64, "nrgba": nrgba}
}

// samePixels fails unless a and b have the same size and colours.
func samePixels(t *testing.T, want, got image.Image, msg string) {
	t.Helper()
	require.Equal(t, want.Bounds().Size(), got.Bounds().Size(), msg)
	for y := range want.Bounds().Dy() {
		for x := range want.Bounds().Dx() {
			w := color.RGBA64Model.Convert(want.At(want.Bounds().Min.X+x, want.Bounds().Min.Y+y))
			g := color.RGBA64Model.Convert(got.At(got.Bounds().Min.X+x, got.Bounds().Min.Y+y))
			require.Equal(t, w, g, "%s: pixel (%d, %d)", msg, x, y)
		}
	}
}

// sameNRGBA fails unless got has want's alpha everywhere and its colour wherever alpha is
// at least 2/255 (below, premultiplied colour cannot hold 8 bits).
func sameNRGBA(t *testing.T, want *image.NRGBA, got image.Image, msg string) {
	t.Helper()
	for y := range want.Bounds().Dy() {
		for x := range want.Bounds().Dx() {
			w, g := want.NRGBAAt(x, y), color.NRGBAModel.Convert(got.At(x, y)).(color.NRGBA)
			require.Equal(t, w.A, g.A, "%s: alpha at (%d, %d)", msg, x, y)
			if w.A >= 2 {
				require.Equal(t, w, g, "%s: pixel (%d, %d)", msg, x, y)
			}
		}
	}
}

// TestIdentity runs filters that must return the image unchanged (a 1×1 kernel of 1, a box
// of 1, a 3×3 kernel with 1 in the middle) on every kind of image, and checks that the
// depth and gray/colour kind are kept.
func TestIdentity(t *testing.T) {
	id3 := writeFile(t, "id3.txt", []byte("0, 0, 0\n0 1 0  # centre\n\n0\t0\t0\n"))
	id1 := writeFile(t, "id1.csv", []byte("1\n"))
	for name, img := range testImages() {
		in := writeFile(t, name+".png", encode(t, img))
		for _, f := range [][]string{{"-kernel", id3}, {"-kernel", id1}, {"-box", "1"}} {
			for _, b := range []string{"symm", "fill", "wrap"} {
				code, out, errs := runProgram(t, nil, append(f, "-boundary", b, "-o", "-", in)...)
				require.Equal(t, 0, code, errs)
				got := decode(t, out)
				if name == "nrgba" {
					sameNRGBA(t, img.(*image.NRGBA), got, name+" "+strings.Join(f, " "))
					continue
				}
				samePixels(t, img, got, name+" "+strings.Join(f, " "))
				switch name {
				case "gray":
					assert.IsType(t, &image.Gray{}, got)
				case "gray16":
					assert.IsType(t, &image.Gray16{}, got)
				case "rgba64":
					assert.IsType(t, &image.RGBA64{}, got, "16-bit colour stays 16-bit")
				}
			}
		}
	}
}

// TestShift convolves with a kernel that moves the image one pixel right: with wrap the
// last column comes round to the first.
func TestShift(t *testing.T) {
	k := writeFile(t, "shift.txt", []byte("0 0 0\n0 0 1\n0 0 0\n"))
	img := testImages()["rgba"].(*image.RGBA)
	in := writeFile(t, "in.png", encode(t, img))
	code, out, errs := runProgram(t, nil, "-kernel", k, "-boundary", "wrap", "-o", "-", in)
	require.Equal(t, 0, code, errs)
	got := decode(t, out)
	w := img.Bounds().Dx()
	for y := range img.Bounds().Dy() {
		for x := range w {
			assert.Equal(t, img.RGBAAt((x+w-1)%w, y), color.RGBAModel.Convert(got.At(x, y)), "(%d, %d)", x, y)
		}
	}
}

// TestBlurValues checks a Gaussian blur and a box filter of a gray image against
// conv2d's filters rounded to the nearest level, a constant image staying constant, and a
// JPEG input.
func TestBlurValues(t *testing.T) {
	img := testImages()["gray"].(*image.Gray)
	in := writeFile(t, "gray.png", encode(t, img))
	m := conv2d.NewMatrix(9, 13, nil)
	for i, v := range img.Pix {
		m.Data[i] = float64(v)
	}
	for _, c := range []struct {
		args []string
		want conv2d.Matrix
	}{
		{[]string{"-sigma", "1.5", "-boundary", "mirror"}, conv2d.GaussianFilter(conv2d.Matrix{}, m, 1.5, conv2d.Mirror, 0)},
		{[]string{"-box", "4", "-boundary", "fill", "-fill", "0.5"}, conv2d.UniformFilter(conv2d.Matrix{}, m, 4, conv2d.Fill, 127.5)},
	} {
		code, out, errs := runProgram(t, nil, append(c.args, "-o", "-", in)...)
		require.Equal(t, 0, code, errs)
		got := decode(t, out).(*image.Gray)
		for i, v := range c.want.Data {
			assert.Equal(t, uint8(quantize(v, 255)), got.Pix[i], "%v pixel %d (%.3f)", c.args, i, v)
		}
	}
	flat := image.NewRGBA(image.Rect(0, 0, 20, 20))
	for i := range flat.Pix {
		flat.Pix[i] = []uint8{200, 100, 50, 255}[i%4]
	}
	var jb bytes.Buffer
	require.NoError(t, jpeg.Encode(&jb, flat, &jpeg.Options{Quality: 100}))
	for _, src := range []struct {
		name string
		data []byte
	}{{"flat.png", encode(t, flat)}, {"flat.jpg", jb.Bytes()}} {
		code, out, errs := runProgram(t, src.data, "-sigma", "4", "-o", "-", "-")
		require.Equal(t, 0, code, errs)
		got := decode(t, out)
		want := color.RGBAModel.Convert(decodeAny(t, src.data).At(10, 10)).(color.RGBA)
		for y := range 20 {
			for x := range 20 {
				c := color.RGBAModel.Convert(got.At(x, y)).(color.RGBA)
				require.InDelta(t, float64(want.R), float64(c.R), 1, "%s (%d, %d)", src.name, x, y)
				require.Equal(t, uint8(255), c.A)
			}
		}
	}
}

func decodeAny(t *testing.T, data []byte) image.Image {
	img, _, err := image.Decode(bytes.NewReader(data))
	require.NoError(t, err)
	return img
}

// hugePNG returns a valid PNG header claiming w×h pixels (with no pixel data).
func hugePNG(t *testing.T, w, h uint32) []byte {
	b := encode(t, image.NewGray(image.Rect(0, 0, 1, 1)))
	// IHDR data starts after the 8-byte signature, length and type: width, height at 16.
	binary.BigEndian.PutUint32(b[16:], w)
	binary.BigEndian.PutUint32(b[20:], h)
	binary.BigEndian.PutUint32(b[29:], crc32.ChecksumIEEE(b[12:29]))
	return b
}

// TestErrors checks that bad input gets a one-line message and exit status 2.
func TestErrors(t *testing.T) {
	img := writeFile(t, "in.png", encode(t, testImages()["gray"]))
	ragged := writeFile(t, "ragged.txt", []byte("1 2 3\n4 5\n"))
	word := writeFile(t, "word.txt", []byte("1 2\n3 x4\n"))
	inf := writeFile(t, "inf.txt", []byte("1 inf\n"))
	empty := writeFile(t, "empty.txt", []byte("# nothing\n\n"))
	text := writeFile(t, "text.png", []byte("this is not an image"))
	gif := writeFile(t, "x.gif", []byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;"))
	huge := writeFile(t, "huge.png", hugePNG(t, 100000, 100000))
	out := filepath.Join(t.TempDir(), "out.png")
	for _, c := range []struct {
		args []string
		msg  string
	}{
		{[]string{"-bogus", img}, "flag provided but not defined: -bogus"},
		{[]string{"-o", out, img}, "give one filter"},
		{[]string{"-sigma", "1", "-box", "3", "-o", out, img}, "only one of"},
		{[]string{"-sigma", "0", "-o", out, img}, "-sigma must be a number > 0"},
		{[]string{"-sigma", "-2", "-o", out, img}, "-sigma must be"},
		{[]string{"-sigma", "NaN", "-o", out, img}, "-sigma must be"},
		{[]string{"-sigma", "1e9", "-o", out, img}, "at most 1000"},
		{[]string{"-sigma", "x", "-o", out, img}, "invalid value"},
		{[]string{"-box", "0", "-o", out, img}, "-box must be between 1"},
		{[]string{"-sigma", "1", img}, "give the output file"},
		{[]string{"-sigma", "1", "-o", out}, "give one input image"},
		{[]string{"-sigma", "1", "-boundary", "bounce", "-o", out, img}, `unknown boundary "bounce"`},
		{[]string{"-sigma", "1", "-fill", "2", "-o", out, img}, "-fill must be between 0 and 1"},
		{[]string{"-sigma", "1", "-o", out, filepath.Join(t.TempDir(), "missing.png")}, "cannot read the image"},
		{[]string{"-sigma", "1", "-o", out, text}, "is not a PNG or JPEG image"},
		{[]string{"-sigma", "1", "-o", out, gif}, "is not a PNG or JPEG image"},
		{[]string{"-sigma", "1", "-max-pixels", "0", "-o", out, img}, "-max-pixels must be between 1"},
		{[]string{"-sigma", "1", "-max-pixels", "10", "-o", out, img}, "pixels (see -max-pixels)"},
		{[]string{"-sigma", "1", "-o", out, huge}, "is 100000×100000 pixels"},
		{[]string{"-kernel", ragged, "-o", out, img}, "ragged.txt:2: the kernel is not rectangular"},
		{[]string{"-kernel", word, "-o", out, img}, `word.txt:2:3: "x4" is not a finite number`},
		{[]string{"-kernel", inf, "-o", out, img}, `inf.txt:1:3: "inf" is not a finite number`},
		{[]string{"-kernel", empty, "-o", out, img}, "has no numbers"},
		{[]string{"-kernel", filepath.Join(t.TempDir(), "none.txt"), "-o", out, img}, "cannot read the kernel"},
	} {
		code, _, errs := runProgram(t, nil, c.args...)
		assert.Equal(t, 2, code, "%v: %s", c.args, errs)
		assert.Contains(t, errs, c.msg, "%v", c.args)
		assert.Equal(t, 1, strings.Count(errs, "\n"), "%v: one line: %q", c.args, errs)
	}
	_, err := os.Stat(out)
	assert.True(t, os.IsNotExist(err), "no output written on errors")
	// Help is not an error.
	code, _, errs := runProgram(t, nil, "-h")
	assert.Equal(t, 0, code)
	assert.Contains(t, errs, "usage: blur")
}

// FuzzParseKernel checks that no kernel text makes the parser panic, and that a kernel it
// accepts is a rectangle of finite numbers.
func FuzzParseKernel(f *testing.F) {
	for _, s := range []string{"1", "0 -1 0\n-1 5 -1\n0 -1 0\n", "1,2;3\n4 5 6 # c\n", "1 2\n3\n", "x", "1e400", "\n\n#\n", "1\t\t2\r\n3 4\r\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		k, err := parseKernel("k", data)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("multi-line error %q", err)
			}
			return
		}
		if k.Rows < 1 || k.Cols < 1 || len(k.Data) != k.Rows*k.Cols {
			t.Fatalf("kernel %d×%d with %d values", k.Rows, k.Cols, len(k.Data))
		}
		for _, v := range k.Data {
			if v-v != 0 {
				t.Fatalf("non-finite value %v accepted", v)
			}
		}
	})
}
