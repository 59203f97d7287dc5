// Package closures holds the closure retention rule: closure-retains-large-value.
package closures
