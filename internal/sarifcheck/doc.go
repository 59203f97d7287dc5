// Package sarifcheck holds the test that validates `leakwatch check
// --format sarif` against the official SARIF 2.1.0 JSON schema. It has no
// code of its own: it exists so the check runs with `go test ./...` and
// fails the build the day the SARIF writer produces something GitHub code
// scanning (or any other SARIF consumer) would reject.
package sarifcheck
