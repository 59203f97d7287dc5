package caches_test

import (
	"testing"

	"github.com/leakwatch/leakwatch/analyzer/analysistest"
	"github.com/leakwatch/leakwatch/rules/caches"
)

func TestUnbounded(t *testing.T) { analysistest.Run(t, caches.Unbounded) }

func TestDocExamples(t *testing.T) { analysistest.RunDocExamples(t, caches.Unbounded) }
