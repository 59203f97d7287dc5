// Package caches holds the cache rule: unbounded-cache.
package caches
