// Package globals holds the implicit global rule: implicit-global.
package globals
