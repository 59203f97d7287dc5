package observers_test

import (
	"testing"

	"github.com/leakwatch/leakwatch/analyzer/analysistest"
	"github.com/leakwatch/leakwatch/rules/observers"
)

func TestNotDisconnected(t *testing.T) { analysistest.Run(t, observers.NotDisconnected) }

func TestDocExamples(t *testing.T) { analysistest.RunDocExamples(t, observers.NotDisconnected) }
