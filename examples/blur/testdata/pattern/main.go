// Command pattern writes the test image of the blur program's README section (docs/blur/
// before.png): a 256×256 pattern of sharp edges, fine stripes and colour.
//
//	go run ./examples/blur/testdata/pattern docs/blur/before.png
package main

import (
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
)

func main() {
	const n = 256
	img := image.NewRGBA(image.Rect(0, 0, n, n))
	for y := range n {
		for x := range n {
			c := color.RGBA{240, 240, 230, 255}
			switch {
			case x < n/2 && y < n/2: // checkerboard of 16-pixel squares
				if (x/16+y/16)%2 == 0 {
					c = color.RGBA{20, 20, 20, 255}
				}
			case x >= n/2 && y < n/2: // stripes of growing frequency
				if math.Sin(float64(x-n/2)*float64(x-n/2)/200) > 0 {
					c = color.RGBA{30, 60, 200, 255}
				}
			default: // colour discs
				for i, d := range []struct {
					cx, cy, r float64
					c         color.RGBA
				}{{64, 192, 40, color.RGBA{220, 40, 40, 255}}, {150, 170, 30, color.RGBA{40, 180, 60, 255}}, {210, 215, 35, color.RGBA{250, 200, 20, 255}}} {
					_ = i
					if math.Hypot(float64(x)-d.cx, float64(y)-d.cy) < d.r {
						c = d.c
					}
				}
			}
			img.SetRGBA(x, y, c)
		}
	}
	f, err := os.Create(os.Args[1])
	if err != nil {
		panic(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		panic(err)
	}
}
