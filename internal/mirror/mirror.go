// Package mirror finds local git copies of public repositories, for the
// measurements that read projects' histories (bench/recall) or pinned
// snapshots (bench/heldout) without a network.
package mirror

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Find returns the git folder of owner/name under dir, trying the layouts
// the fetch tool (<owner>+<name>/repo) and a plain `git clone --mirror`
// produce, or "" when there is none.
func Find(dir, repo string) string {
	owner, name, _ := strings.Cut(repo, "/")
	for _, c := range []string{
		filepath.Join(dir, owner+"+"+name, "repo"),
		filepath.Join(dir, owner+"+"+name),
		filepath.Join(dir, owner, name),
		filepath.Join(dir, name),
		filepath.Join(dir, name+".git"),
	} {
		if fi, err := os.Stat(c); err != nil || !fi.IsDir() {
			continue
		}
		if out, err := exec.Command("git", "-C", c, "rev-parse", "--git-dir").Output(); err == nil && len(bytes.TrimSpace(out)) > 0 {
			return c
		}
	}
	return ""
}
