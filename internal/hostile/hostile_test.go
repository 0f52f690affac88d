package hostile

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"context"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

var known = flag.Bool("hostile.known", false, "also run the corpus entries marked as known failures")

// The limits every entry must stay within.
const (
	maxWall = 5 * time.Second // wall and CPU time
	maxRSS  = 1 << 30         // bytes
	// killAfter is when a run is stopped: a little past maxWall, so that an entry over the
	// limit is reported with its time rather than only as killed.
	killAfter = maxWall + 2*time.Second
)

// programs are the example programs the corpus covers, each with its corpus file
// testdata/hostile/<name>.txt.
var programs = []string{"dice", "polymul", "convolve", "blur"}

// entry is one line of a corpus file.
type entry struct {
	line   int
	name   string
	args   []string
	stdin  []byte
	files  map[string][]byte
	exit   int
	reason string // non-empty: a known failure
}

func TestCorpus(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the peak memory measure (Rusage.Maxrss) is Linux's")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	bin := t.TempDir()
	for _, p := range programs {
		t.Run(p, func(t *testing.T) {
			entries, err := readCorpus(filepath.Join(root, "testdata", "hostile", p+".txt"))
			if err != nil {
				t.Fatal(err)
			}
			exe := filepath.Join(bin, p)
			build := exec.Command(goTool(), "build", "-o", exe, "./examples/"+p)
			build.Dir = root
			if out, err := build.CombinedOutput(); err != nil {
				t.Fatalf("go build ./examples/%s: %v\n%s", p, err, out)
			}
			for _, e := range entries {
				t.Run(e.name, func(t *testing.T) {
					if e.reason != "" && !*known {
						t.Skipf("known failure (line %d): %s", e.line, e.reason)
					}
					check(t, exe, e)
				})
			}
		})
	}
}

// goTool returns the go command that is running this test, or "go" from PATH.
func goTool() string {
	if g := filepath.Join(runtime.GOROOT(), "bin", "go"); fileExists(g) {
		return g
	}
	return "go"
}

func fileExists(name string) bool {
	_, err := os.Stat(name)
	return err == nil
}

// check runs exe on one entry and reports every way it breaks the corpus's expectations.
func check(t *testing.T, exe string, e entry) {
	dir := t.TempDir()
	for name, data := range e.files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), killAfter)
	defer cancel()
	cmd := exec.CommandContext(ctx, exe, e.args...)
	cmd.Dir = dir
	cmd.Stdin = bytes.NewReader(e.stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.WaitDelay = time.Second
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	var exitErr *exec.ExitError
	if err != nil && !errors.As(err, &exitErr) {
		t.Fatalf("line %d: cannot run %s: %v", e.line, filepath.Base(exe), err)
	}
	ps := cmd.ProcessState
	rss := int64(-1)
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		// Linux reports kilobytes, and the larger of the program's peak and this test's own
		// at the fork (os/exec starts the program from a vfork sharing this process's
		// memory): an upper bound, exact whenever it is over the test's own size.
		rss = ru.Maxrss << 10
	}
	errText := stderr.String()
	where := fmt.Sprintf("line %d (%s, %d bytes of stdin)", e.line, describe(e.args), len(e.stdin))
	cpu := ps.UserTime() + ps.SystemTime()
	t.Logf("%s: exit %d in %v (CPU %v), peak RSS %d MiB", where, ps.ExitCode(), wall.Round(time.Millisecond), cpu.Round(time.Millisecond), rss>>20)
	if ctx.Err() != nil {
		t.Errorf("%s: killed after %v", where, killAfter)
	} else if ws, ok := ps.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		t.Errorf("%s: died of signal %v", where, ws.Signal())
	}
	if wall > maxWall || cpu > maxWall {
		t.Errorf("%s: took %v (CPU %v), over %v", where, wall.Round(time.Millisecond), cpu.Round(time.Millisecond), maxWall)
	}
	if rss > maxRSS {
		t.Errorf("%s: peak RSS %d MiB, over %d MiB", where, rss>>20, maxRSS>>20)
	}
	if strings.Contains(errText, "panic:") || strings.Contains(errText, "goroutine ") || strings.Contains(errText, "fatal error:") {
		t.Errorf("%s: panicked or crashed:\n%s", where, head(errText))
	}
	if got := ps.ExitCode(); got != e.exit {
		t.Errorf("%s: exit status %d, want %d; stderr:\n%s", where, got, e.exit, head(errText))
	}
	if e.exit == 0 {
		return
	}
	if n := strings.Count(errText, "\n"); n != 1 || !strings.HasSuffix(errText, "\n") || len(strings.TrimSpace(errText)) == 0 {
		t.Errorf("%s: want one line on stderr, got %d newlines:\n%s", where, n, head(errText))
	}
	if stdout.Len() > 0 {
		t.Errorf("%s: wrote %d bytes to stdout on error: %s", where, stdout.Len(), head(stdout.String()))
	}
}

// describe abbreviates args for a message.
func describe(args []string) string {
	var b strings.Builder
	for i, a := range args {
		if i > 0 {
			b.WriteByte(' ')
		}
		if len(a) > 40 {
			fmt.Fprintf(&b, "%q…(%d bytes)", a[:40], len(a))
		} else {
			b.WriteString(strconv.Quote(a))
		}
	}
	return b.String()
}

// head returns the start of a long program output for a message.
func head(s string) string {
	if len(s) > 600 {
		return s[:600] + fmt.Sprintf("…(%d bytes)", len(s))
	}
	return s
}

// readCorpus reads a corpus file (see the package comment for its format).
func readCorpus(path string) ([]entry, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var es []entry
	var all entry // the "all:" line: files every entry gets
	seen := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' {
			continue
		}
		e, err := parseEntry(line)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %v", path, n, err)
		}
		if e.name == "all" {
			if len(e.args) > 0 || e.stdin != nil || e.reason != "" {
				return nil, fmt.Errorf("%s:%d: the all: line holds only files", path, n)
			}
			all = e
			continue
		}
		if seen[e.name] {
			return nil, fmt.Errorf("%s:%d: entry %q appears twice", path, n, e.name)
		}
		seen[e.name] = true
		e.line = n
		es = append(es, e)
	}
	if len(es) == 0 {
		return nil, fmt.Errorf("%s: no entries", path)
	}
	for _, e := range es {
		for name, data := range all.files {
			if _, ok := e.files[name]; !ok {
				e.files[name] = data
			}
		}
	}
	return es, sc.Err()
}

// parseEntry parses one corpus line.
func parseEntry(line string) (entry, error) {
	e := entry{exit: 2, files: map[string][]byte{}}
	name, rest, ok := strings.Cut(line, ":")
	if !ok || strings.ContainsAny(name, " \t\"") || name == "" {
		return e, errors.New(`want "name: tokens"`)
	}
	e.name = name
	for {
		rest = strings.TrimLeft(rest, " \t")
		if rest == "" {
			return e, nil
		}
		switch {
		case rest[0] == '!':
			e.reason = strings.TrimSpace(rest[1:])
			if e.reason == "" {
				return e, errors.New(`"!" needs a reason`)
			}
			return e, nil
		case strings.HasPrefix(rest, "exit="):
			end := strings.IndexAny(rest, " \t")
			if end < 0 {
				end = len(rest)
			}
			n, err := strconv.Atoi(rest[len("exit="):end])
			if err != nil {
				return e, fmt.Errorf("bad exit status: %v", err)
			}
			e.exit, rest = n, rest[end:]
			continue
		}
		target := "arg"
		var fileName string
		switch {
		case rest[0] == '<':
			target, rest = "stdin", rest[1:]
		case strings.HasPrefix(rest, "file:"):
			name, r, ok := strings.Cut(rest[len("file:"):], "=")
			if !ok || name == "" || strings.ContainsAny(name, "/ \t") {
				return e, errors.New(`want file:NAME=content`)
			}
			target, fileName, rest = "file", name, r
		}
		val, r, err := parseToken(rest)
		if err != nil {
			return e, err
		}
		rest = r
		switch target {
		case "stdin":
			e.stdin = val
		case "file":
			e.files[fileName] = val
		default:
			e.args = append(e.args, string(val))
		}
	}
}

// parseToken parses the pieces of one token at the start of s, returning its bytes and the
// rest of s.
func parseToken(s string) ([]byte, string, error) {
	var out []byte
	for s != "" && s[0] != ' ' && s[0] != '\t' {
		switch {
		case s[0] == '"':
			q, err := strconv.QuotedPrefix(s)
			if err != nil {
				return nil, "", fmt.Errorf("bad quoted string at %.20q: %v", s, err)
			}
			v, _ := strconv.Unquote(q)
			s = s[len(q):]
			count := 1
			if strings.HasPrefix(s, "*") {
				end := 1
				for end < len(s) && s[end] >= '0' && s[end] <= '9' {
					end++
				}
				n, err := strconv.Atoi(s[1:end])
				if err != nil || n < 0 || n > 1<<26 {
					return nil, "", fmt.Errorf("bad repeat count at %.20q", s)
				}
				count, s = n, s[end:]
			}
			out = append(out, bytes.Repeat([]byte(v), count)...)
		case s[0] == '@':
			end := strings.IndexByte(s, ')')
			if end < 0 {
				return nil, "", fmt.Errorf("unclosed generator at %.20q", s)
			}
			v, err := generate(s[1 : end+1])
			if err != nil {
				return nil, "", err
			}
			out, s = append(out, v...), s[end+1:]
		default:
			end := strings.IndexAny(s, " \t\"")
			if end < 0 {
				end = len(s)
			}
			out, s = append(out, s[:end]...), s[end:]
		}
	}
	return out, s, nil
}

// generate returns the bytes of a generator piece: "png(W,H,DEPTH,COLORTYPE)",
// "image(W,H,DEPTH,COLORTYPE)", "rand(N)" or "matrix(R,C)".
func generate(call string) ([]byte, error) {
	fn, argText, _ := strings.Cut(strings.TrimSuffix(call, ")"), "(")
	var args []uint64
	for a := range strings.SplitSeq(argText, ",") {
		n, err := strconv.ParseUint(strings.TrimSpace(a), 10, 32)
		if err != nil {
			return nil, fmt.Errorf("@%s: bad argument %q", call, a)
		}
		args = append(args, n)
	}
	switch {
	case fn == "png" && len(args) == 4:
		return pngHeader(uint32(args[0]), uint32(args[1]), byte(args[2]), byte(args[3])), nil
	case fn == "image" && len(args) == 4 && args[0]*args[1] <= 1<<26:
		return pngImage(uint32(args[0]), uint32(args[1]), byte(args[2]), byte(args[3]))
	case fn == "matrix" && len(args) == 2 && args[0]*args[1] <= 1<<26:
		row := strings.Repeat("1 ", int(args[1])) + "\n"
		return []byte(strings.Repeat(row, int(args[0]))), nil
	case fn == "rand" && len(args) == 1 && args[0] <= 1<<26:
		r := rand.New(rand.NewPCG(1, args[0]))
		b := make([]byte, args[0])
		for i := range b {
			b[i] = byte(r.Uint32())
		}
		return b, nil
	}
	return nil, fmt.Errorf("unknown generator @%s", call)
}

// channels is the number of samples per pixel of each PNG colour type.
var channels = map[byte]int{0: 1, 2: 3, 4: 2, 6: 4}

// pngImage returns a valid w×h PNG of the given bit depth (8 or 16) and colour type (0, 2, 4
// or 6) whose pixels are all zero.
func pngImage(w, h uint32, depth, colorType byte) ([]byte, error) {
	c, ok := channels[colorType]
	if !ok || depth != 8 && depth != 16 {
		return nil, fmt.Errorf("@image: colour type %d, depth %d", colorType, depth)
	}
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	row := make([]byte, 1+int(w)*c*int(depth)/8) // filter type 0, then the samples
	for range h {
		zw.Write(row)
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	hdr := pngHeader(w, h, depth, colorType)
	iend := hdr[len(hdr)-12:]
	out := append([]byte(nil), hdr[:len(hdr)-12]...)
	out = append(out, pngChunk("IDAT", z.Bytes())...)
	return append(out, iend...), nil
}

// pngChunk returns a PNG chunk: length, type, data and CRC.
func pngChunk(typ string, data []byte) []byte {
	c := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	c = append(c, typ...)
	c = append(c, data...)
	return binary.BigEndian.AppendUint32(c, crc32.ChecksumIEEE(c[4:]))
}

// pngHeader returns a PNG signature, an IHDR chunk for a w×h image of the given bit depth and
// colour type, and an IEND chunk: a valid header with no pixel data.
func pngHeader(w, h uint32, depth, colorType byte) []byte {
	ihdr := binary.BigEndian.AppendUint32(nil, w)
	ihdr = binary.BigEndian.AppendUint32(ihdr, h)
	ihdr = append(ihdr, depth, colorType, 0, 0, 0)
	out := []byte("\x89PNG\r\n\x1a\n")
	out = append(out, pngChunk("IHDR", ihdr)...)
	return append(out, pngChunk("IEND", nil)...)
}

// TestParseEntry checks the corpus format on lines whose meaning is known.
func TestParseEntry(t *testing.T) {
	e, err := parseEntry(`deep: -x "("*3"d6"")"*2 <"a\x00b" file:k.txt="1 2" exit=0 ! a reason`)
	if err != nil {
		t.Fatal(err)
	}
	if e.name != "deep" || len(e.args) != 2 || e.args[0] != "-x" || e.args[1] != "(((d6))" ||
		string(e.stdin) != "a\x00b" || string(e.files["k.txt"]) != "1 2" || e.exit != 0 || e.reason != "a reason" {
		t.Errorf("parseEntry = %+v", e)
	}
	e, err = parseEntry(`png: file:h.png=@png(100000,7,8,2) @rand(5)x`)
	if err != nil {
		t.Fatal(err)
	}
	p := e.files["h.png"]
	if len(p) != 8+25+12 || binary.BigEndian.Uint32(p[16:]) != 100000 || binary.BigEndian.Uint32(p[20:]) != 7 ||
		binary.BigEndian.Uint32(p[29:]) != crc32.ChecksumIEEE(p[12:29]) || e.exit != 2 {
		t.Errorf("png header %x", p)
	}
	if len(e.args) != 1 || len(e.args[0]) != 6 || e.args[0][5] != 'x' {
		t.Errorf("rand arg %q", e.args)
	}
	e, err = parseEntry(`img: file:a.png=@image(3,2,16,6) file:k=@matrix(2,3)`)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(e.files["a.png"]))
	if err != nil || img.Bounds() != image.Rect(0, 0, 3, 2) || img.ColorModel() != color.NRGBA64Model {
		t.Errorf("@image(3,2,16,6) decodes to %v, %v", img, err)
	}
	if k := string(e.files["k"]); k != "1 1 1 \n1 1 1 \n" {
		t.Errorf("@matrix(2,3) = %q", k)
	}
	for _, bad := range []string{`noname`, `x: "unclosed`, `x: exit=two`, `x: !`, `x: @png(1,2)`, `x: file:=3`, `x: "a"*-1`} {
		if _, err := parseEntry(bad); err == nil {
			t.Errorf("parseEntry(%q) succeeded", bad)
		}
	}
}
