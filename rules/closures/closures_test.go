package closures_test

import (
	"testing"

	"github.com/leakwatch/leakwatch/analyzer/analysistest"
	"github.com/leakwatch/leakwatch/rules/closures"
)

func TestRetainsLarge(t *testing.T) { analysistest.Run(t, closures.RetainsLarge) }

func TestDocExamples(t *testing.T) { analysistest.RunDocExamples(t, closures.RetainsLarge) }
