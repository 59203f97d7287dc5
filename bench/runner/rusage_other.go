//go:build !unix

package main

import (
	"os"
	"time"
)

// usage has no peak RSS where there is no rusage.
func usage(ps *os.ProcessState) (int64, time.Duration) {
	return 0, ps.UserTime() + ps.SystemTime()
}
