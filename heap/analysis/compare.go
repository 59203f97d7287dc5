package analysis

import (
	"errors"
	"fmt"
	"runtime"
	"sync"

	"github.com/leakwatch/leakwatch/heap/snapshot"
)

// Compare reads two or three snapshot files, oldest first, and compares
// them. The last one is read and analysed on one goroutine while the
// earlier ones are read and summarised, one after the other, on another:
// two cores busy, and at most two decoded snapshots in memory at once.
func Compare(paths []string, read snapshot.Options, opt Options) (*Report, error) {
	if len(paths) < 2 || len(paths) > 3 {
		return nil, fmt.Errorf("diff needs two or three snapshots, got %d", len(paths))
	}
	var (
		wg       sync.WaitGroup
		final    *Graph
		finalErr error
	)
	wg.Add(1)
	go func() {
		defer wg.Done()
		s, err := snapshot.ReadFile(paths[len(paths)-1], read)
		if err != nil {
			finalErr = err
			return
		}
		final = Build(s)
	}()
	var earlier []*Summary
	var errs []error
	for _, p := range paths[:len(paths)-1] {
		s, err := snapshot.ReadFile(p, read)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		var prev *Summary
		if len(earlier) > 0 {
			prev = earlier[len(earlier)-1]
		}
		earlier = append(earlier, Summarize(s, prev))
		// The decoded snapshot is garbage now; collect it before the
		// next one is decoded rather than letting the heap grow to twice
		// its live size, which is what peak memory would measure.
		s = nil
		runtime.GC()
	}
	wg.Wait()
	if err := errors.Join(append(errs, finalErr)...); err != nil {
		return nil, err
	}
	rep, err := Diff(earlier, final, opt)
	if err != nil {
		return nil, err
	}
	for i, p := range paths {
		rep.Snapshots[i].Path = p
	}
	return rep, nil
}
