package main

import (
	"errors"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// shard is --shard i/n: this run analyses the files whose path (relative
// to the run's root) hashes to i among n. A file's shard depends on its
// path alone, not on what else is in the tree, so adding or removing a file
// moves no other file to another shard, and n CI jobs given 1/n ... n/n
// cover every file exactly once with nothing to coordinate them.
type shard struct {
	index, count int // index is 1-based
}

func (s shard) String() string { return fmt.Sprintf("%d/%d", s.index, s.count) }

func parseShard(v string) (shard, error) {
	i, n, ok := strings.Cut(v, "/")
	bad := errors.New("want i/n with 1 <= i <= n, such as 1/4")
	if !ok {
		return shard{}, bad
	}
	index, err1 := strconv.Atoi(i)
	count, err2 := strconv.Atoi(n)
	if err1 != nil || err2 != nil || count < 1 || index < 1 || index > count {
		return shard{}, bad
	}
	return shard{index, count}, nil
}

// owns reports whether the file or folder at key (a slash-separated path
// relative to the root) belongs to this shard.
func (s shard) owns(key string) bool {
	if s.count <= 1 {
		return true
	}
	return int(shardHash(key)%uint64(s.count)) == s.index-1
}

// shardHash is FNV-1a with a final mix (splitmix64's), so that paths
// differing only in their last characters still spread over all shards.
func shardHash(key string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(key))
	x := h.Sum64()
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// runRoot is the folder file keys are relative to: the current folder, as
// given and with links resolved (the walk reports folders by their real
// path, files named on the command line by the path typed).
type runRoot struct {
	logical, real string
}

func currentRoot() runRoot {
	wd, err := os.Getwd()
	if err != nil {
		return runRoot{}
	}
	r := runRoot{logical: wd, real: wd}
	if real, err := filepath.EvalSymlinks(wd); err == nil {
		r.real = real
	}
	return r
}

// key returns abs relative to the root, with forward slashes: the same on
// every machine and in every checkout folder of the same tree.
func (r runRoot) key(abs string) string {
	var fallback string
	for _, base := range []string{r.real, r.logical} {
		if base == "" {
			continue
		}
		rel, err := filepath.Rel(base, abs)
		if err != nil {
			continue
		}
		rel = filepath.ToSlash(rel)
		if rel != ".." && !strings.HasPrefix(rel, "../") {
			return rel
		}
		if fallback == "" {
			fallback = rel
		}
	}
	if fallback != "" {
		return fallback
	}
	return filepath.ToSlash(abs)
}
