package exact

// choose returns the method Auto uses for operands of lengths nx, ny whose coefficients have at
// most bx, by bits.
func choose(nx, ny, bx, by int) Algorithm {
	if min(nx, ny) < karatsubaThreshold {
		return Schoolbook
	}
	return Karatsuba
}
