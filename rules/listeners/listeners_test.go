package listeners_test

import (
	"testing"

	"github.com/leakwatch/leakwatch/analyzer/analysistest"
	"github.com/leakwatch/leakwatch/rules/listeners"
)

func TestNotRemoved(t *testing.T) { analysistest.Run(t, listeners.NotRemoved) }

func TestRemovalMismatch(t *testing.T) { analysistest.Run(t, listeners.RemovalMismatch) }

func TestDocExamples(t *testing.T) {
	analysistest.RunDocExamples(t, listeners.NotRemoved)
	analysistest.RunDocExamples(t, listeners.RemovalMismatch)
}
