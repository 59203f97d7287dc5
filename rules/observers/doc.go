// Package observers holds the observer rule: observer-not-disconnected.
package observers
