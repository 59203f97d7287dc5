package scope_test

import (
	"reflect"
	"testing"

	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

func TestImports(t *testing.T) {
	tr, _ := build(t, syntax.TypeScript, `import React, { useEffect as ue, "odd-name" as odd } from "react";
import * as timers from 'node:timers';
import "./side-effect";`)
	var got []scope.ImportBinding
	for _, st := range tr.Root().Children() {
		if st.Kind() == "import_statement" {
			got = append(got, scope.Imports(st)...)
		}
	}
	want := []scope.ImportBinding{
		{Local: "React", Source: "react", Name: "default"},
		{Local: "ue", Source: "react", Name: "useEffect"},
		{Local: "odd", Source: "react", Name: "odd-name"},
		{Local: "timers", Source: "node:timers", Name: "*"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Imports:\n got  %+v\n want %+v", got, want)
	}
}
