//go:build !unix

package inspect

import (
	"os"
	"os/exec"
)

// ownProcessGroup does nothing where process groups are not Unix's: the
// program is stopped directly.
func ownProcessGroup(cmd *exec.Cmd) {}

// signalGroup ends the program; Windows has no SIGTERM to ask politely.
func signalGroup(p *os.Process, kill bool) { _ = p.Kill() }
