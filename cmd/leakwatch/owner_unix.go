//go:build unix

package main

import (
	"io/fs"
	"os"
	"syscall"
)

// keepOwner gives the replacement file the original's owner, for when root
// fixes someone else's file; only root may, and failing to is not worth
// refusing the fix.
func keepOwner(f *os.File, orig fs.FileInfo) {
	if sys, ok := orig.Sys().(*syscall.Stat_t); ok {
		_ = f.Chown(int(sys.Uid), int(sys.Gid))
	}
}
