package timers_test

import (
	"testing"

	"github.com/leakwatch/leakwatch/analyzer/analysistest"
	"github.com/leakwatch/leakwatch/rules/timers"
)

func TestNotCleared(t *testing.T) { analysistest.Run(t, timers.NotCleared) }

func TestDocExamples(t *testing.T) { analysistest.RunDocExamples(t, timers.NotCleared) }
