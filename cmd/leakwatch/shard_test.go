package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// shardRun runs one shard with JSON output and returns the files it
// analysed (each has one finding) and the paths it reported skipped.
func shardRun(t *testing.T, dir string, args ...string) (files, skipped []string) {
	t.Helper()
	r := lw(t, dir, append([]string{"--format", "json"}, args...)...)
	if r.code != exitOK && r.code != exitFindings {
		t.Fatalf("%v:\n%s", args, r)
	}
	var doc struct {
		Diagnostics []jsonDiagnostic `json:"diagnostics"`
		Summary     jsonSummary      `json:"summary"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatalf("%v: %v\n%s", args, err, r.stdout)
	}
	for _, d := range doc.Diagnostics {
		files = append(files, filepath.ToSlash(d.File))
	}
	if len(files) != doc.Summary.Files {
		t.Fatalf("%v: %d findings in %d files; the tree has one finding per file", args, len(files), doc.Summary.Files)
	}
	for _, s := range doc.Summary.Skipped {
		skipped = append(skipped, filepath.ToSlash(s.File))
	}
	return files, skipped
}

func shardTree(n int, prefix string) map[string]string {
	files := map[string]string{}
	for i := 0; i < n; i++ {
		files[fmt.Sprintf("%spkg%d/src/file%d.js", prefix, i%7, i)] = "leak();\n"
	}
	return files
}

func TestShardsCoverEveryFileOnce(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, shardTree(60, ""))
	write(t, dir, map[string]string{"pkg1/node_modules/m/i.js": "leak();\n", "pkg2/dist/x.js": "leak();\n", "app.min.js": "leak();\n"})
	all, allSkipped := shardRun(t, dir)
	if len(all) != 60 || len(allSkipped) != 3 {
		t.Fatalf("unsharded run: %d files, skipped %v", len(all), allSkipped)
	}
	for n := 1; n <= 5; n++ {
		var union, unionSkipped []string
		for i := 1; i <= n; i++ {
			files, skipped := shardRun(t, dir, "--shard", fmt.Sprintf("%d/%d", i, n))
			if n > 1 && n < 5 && (len(files) == 0 || len(files) == 60) {
				t.Errorf("shard %d/%d has %d of 60 files", i, n, len(files))
			}
			union = append(union, files...)
			unionSkipped = append(unionSkipped, skipped...)
		}
		sort.Strings(union)
		sort.Strings(unionSkipped)
		want := append([]string(nil), all...)
		sort.Strings(want)
		wantSkipped := append([]string(nil), allSkipped...)
		sort.Strings(wantSkipped)
		if strings.Join(union, " ") != strings.Join(want, " ") {
			t.Errorf("%d shards: together they analysed\n%v\nwant\n%v", n, union, want)
		}
		// Skips are reported once too, so totals add up across jobs.
		if strings.Join(unionSkipped, " ") != strings.Join(wantSkipped, " ") {
			t.Errorf("%d shards: skipped %v, want %v", n, unionSkipped, wantSkipped)
		}
	}
}

func TestShardsAreStable(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, shardTree(40, ""))
	const n = 4
	before := map[string]int{}
	for i := 1; i <= n; i++ {
		files, _ := shardRun(t, dir, "--shard", fmt.Sprintf("%d/%d", i, n))
		for _, f := range files {
			before[f] = i
		}
	}
	// New files, one in a new folder and some between existing ones in
	// walk order, move no existing file to another shard.
	write(t, dir, map[string]string{"pkg0/src/file0b.js": "leak();\n", "aaa/first.js": "leak();\n", "pkg3/src/zz.js": "leak();\n", "pkg5/src/file12a.js": "leak();\n"})
	for i := 1; i <= n; i++ {
		files, _ := shardRun(t, dir, "--shard", fmt.Sprintf("%d/%d", i, n))
		for _, f := range files {
			if was, ok := before[f]; ok && was != i {
				t.Errorf("%s moved from shard %d to %d", f, was, i)
			}
		}
	}
	// The shard of a file does not depend on how its folder is named.
	for i := 1; i <= n; i++ {
		arg := fmt.Sprintf("%d/%d", i, n)
		wide, _ := shardRun(t, dir, "--shard", arg)
		narrow, _ := shardRun(t, dir, "--shard", arg, "pkg3", filepath.Join(dir, "pkg4"))
		var want []string
		for _, f := range wide {
			if strings.HasPrefix(f, "pkg3/") || strings.HasPrefix(f, "pkg4/") {
				want = append(want, f)
			}
		}
		var got []string
		for _, f := range narrow {
			if rel, err := filepath.Rel(dir, f); err == nil && filepath.IsAbs(f) {
				f = filepath.ToSlash(rel)
			}
			got = append(got, f)
		}
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("shard %s: naming the folders gave %v, the whole tree %v", arg, got, want)
		}
	}
}

func TestShardFlagErrors(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"a.js": "leak();\n"})
	for _, v := range []string{"0/4", "5/4", "1/0", "0/0", "-1/2", "a/b", "1", "", "1/2/3", "1/ 2", "2/1"} {
		r := lw(t, dir, "--shard="+v)
		if r.code != exitUsage || !strings.Contains(r.stderr, "flag -shard: want i/n") || r.stdout != "" {
			t.Errorf("--shard %q:\n%s", v, r)
		}
	}
	// A shard may be empty: not an error, and said so.
	for i := 1; i <= 2; i++ {
		r := lw(t, dir, "--shard", fmt.Sprintf("%d/2", i))
		if r.code == exitFindings {
			continue
		}
		expectCode(t, r, exitOK)
		if !strings.Contains(r.stderr, "is in shard") {
			t.Errorf("empty shard:\n%s", r)
		}
	}
}
