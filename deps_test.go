package polyconv

// Placeholder imports that pin the module's dependencies in go.mod until the packages that
// use them land; removed once they are used for real.
import (
	_ "github.com/ALTree/bigfloat"
	_ "github.com/stretchr/testify/require"
	_ "gonum.org/v1/gonum/dsp/fourier"
)
