module github.com/polyconv/polyconv/ntt/_peer

go 1.24.0

require github.com/polyconv/polyconv v0.0.0

require (
	github.com/ALTree/bigfloat v0.3.0 // indirect
	github.com/google/go-cmp v0.7.0 // indirect
	github.com/stretchr/testify v1.12.1 // indirect
	github.com/tuneinsight/lattigo/v6 v6.2.0
	go.yaml.in/yaml/v3 v3.0.5 // indirect
	golang.org/x/crypto v0.45.0 // indirect
	golang.org/x/exp v0.0.0-20250506013437-ce4c2cf36ca6 // indirect
	golang.org/x/sys v0.38.0 // indirect
)

replace github.com/polyconv/polyconv => ../..
