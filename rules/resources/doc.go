// Package resources holds the resource rule: resource-not-closed.
package resources
