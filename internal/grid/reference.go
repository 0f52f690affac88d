package grid

// The checksums the reference harness in shared/bench prints for FLINT 2.9 and NTL 11.5 on the
// grid of BENCHMARKS.md (the two libraries agree on every point), copied from its output lines
// (`run.sh mul CASE N B`, `run.sh pow S N`, `run.sh modp N`). They are the independent
// computation that polyconv's products are checked against; every test reads them from here.

// MulCase is a point of the integer grid: two operands of N coefficients of Bits bits.
type MulCase struct{ N, Bits int }

// MulChecksum holds the checksum of the product of the two grid operands, as printed by
// `run.sh mul CASE N B` (FLINT fmpz_poly_mul and NTL ZZX multiplication).
var MulChecksum = map[MulCase]uint64{
	{1000, 64}:    1058133218533149034,
	{10000, 64}:   379417909123292925,
	{100000, 64}:  856891296631609800,
	{100, 1024}:   1395772429191156787,
	{1000, 1024}:  818500911287188870,
	{10000, 1024}: 1647501819565408782,
	{100, 16384}:  1661919242304926723,
	{1000, 16384}: 1680579768833210952,
	{1000000, 16}: 523853040730019946,
}

// PowCase is a point of the dice grid: (x + x^2 + … + x^Sides)^N.
type PowCase struct{ Sides, N int }

// PowChecksum holds the checksum of (x+…+x^s)^n with the coefficient of x^v at index v, as
// printed by `run.sh pow S N` (FLINT fmpz_poly_pow).
var PowChecksum = map[PowCase]uint64{
	{6, 100}:   1661965655847159506,
	{6, 1000}:  992651514378105940,
	{6, 5000}:  1116991183911530881,
	{20, 1000}: 1483571097448244351,
}

// ModPChecksum holds, by operand length n, the checksum of the product mod NTTPrime of the
// single-prime anchor (operands ModP(SeedA, n, NTTPrime) and ModP(SeedB, n, NTTPrime)), as
// printed by `run.sh modp N` (NTL ZZ_pX multiplication).
var ModPChecksum = map[int]uint64{
	1 << 16: 576831069865174444,
	1 << 18: 1161910097543664256,
	1 << 20: 1293007980121087635,
}
