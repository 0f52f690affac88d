// Package cliflag holds flag types shared by the example programs, and FormatBytes, the
// byte-size formatting of their messages and of dist's parse errors.
//
// Conventions: every type implements flag.Value; Set returns an error naming the expected form,
// which the flag package prints with the flag's name.
package cliflag
