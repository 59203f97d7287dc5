package subscriptions_test

import (
	"testing"

	"github.com/leakwatch/leakwatch/analyzer/analysistest"
	"github.com/leakwatch/leakwatch/rules/subscriptions"
)

func TestNotDisposed(t *testing.T) { analysistest.Run(t, subscriptions.NotDisposed) }

func TestDocExamples(t *testing.T) { analysistest.RunDocExamples(t, subscriptions.NotDisposed) }
