//go:build unix

package inspect

import (
	"os"
	"os/exec"
	"syscall"
)

// ownProcessGroup starts the program in a process group of its own.
func ownProcessGroup(cmd *exec.Cmd) { cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} }

// signalGroup asks the program's whole group to end (SIGTERM), or ends it
// (SIGKILL).
func signalGroup(p *os.Process, kill bool) {
	sig := syscall.SIGTERM
	if kill {
		sig = syscall.SIGKILL
	}
	_ = syscall.Kill(-p.Pid, sig)
}
