//go:build !unix

package main

import "os"

// maxRSSKB is not measured where there is no rusage.
func maxRSSKB(*os.ProcessState) int64 { return 0 }
