// Package hostile holds no code: its test (hostile_test.go) builds the example programs
// (examples/dice, polymul, convolve and blur) and runs each against the hostile-input corpus in
// testdata/hostile/<program>.txt at the module root, the inputs a careless or malicious user
// might give: deep nesting, megabyte arguments and inputs, NUL bytes, invalid UTF-8, huge
// numbers, exponents, sizes and kernels, corrupt and huge-dimension image headers, devices
// (/dev/zero) as files, unknown flags and missing files.
//
// Conventions: each corpus entry is one line, "name: token …", whose tokens are the program's
// arguments, its standard input ("<" then the content), files created in the entry's working
// directory ("file:NAME=" then the content), an expected exit status other than the default 2
// ("exit=N") and, last, "!" and the reason the entry is a known failure (skipped unless the
// test runs with -hostile.known). A line "all: file:NAME=… …" gives those files to every entry
// of its corpus. A token is a concatenation of pieces: a bare word; a Go double-quoted string
// (any bytes, "\x00" included), optionally repeated ("("*60000); @png(W,H,DEPTH,COLORTYPE), the
// header of a PNG (signature, IHDR and IEND, with correct CRCs) and no pixel data;
// @image(W,H,DEPTH,COLORTYPE), a valid PNG whose pixels are zero; @matrix(R,C), R lines of C
// ones; @rand(N), N deterministic pseudo-random bytes. Lines starting with "#" are comments.
//
// Unless an entry says otherwise, the program must exit with status 2 within 5 s of wall time
// and of CPU time, with a peak resident size under 1 GiB, exactly one line on standard error, no
// panic or runtime trace, and nothing on standard output; an entry with exit=0 must only finish
// within the limits without a panic. The peak size is Linux's Rusage.Maxrss, which counts this
// test's own size at the fork too (about 200 MB): the check is exact above that.
package hostile
