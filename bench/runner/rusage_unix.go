//go:build unix

package main

import (
	"os"
	"runtime"
	"syscall"
	"time"
)

// usage is the child's peak resident set size in KB and the CPU time it
// used (user and system, all threads).
func usage(ps *os.ProcessState) (rssKB int64, cpu time.Duration) {
	cpu = ps.UserTime() + ps.SystemTime()
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0, cpu
	}
	if runtime.GOOS == "darwin" || runtime.GOOS == "ios" {
		return int64(ru.Maxrss) / 1024, cpu // bytes there
	}
	return int64(ru.Maxrss), cpu // KB on Linux and the BSDs
}
