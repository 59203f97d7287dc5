package globals

import (
	"context"
	"testing"

	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

var strictPrologueSeeds = []string{
	"'use strict';", "\"use strict\";\nx = 1", "/** @license */\n'use strict';", "#!/usr/bin/env node\n'use strict';",
	"'use client';\n'use strict';", "'use strict'\nx = 1", "'use strict'\n(x)", "'use strict'.length;",
	"'use\\x20strict';", "x = 1; 'use strict';", "// a\n/* b */ 'use strict' /* c */ ;", "'use strict' // c\n;",
	"\ufeff'use strict';", "'use strict' /* a\nb */;", "'a';'use strict';", "'a' + 'b'; 'use strict';",
	"", "'", "'use strict", "/* open", "'use strict';;", "function f() { 'use strict'; }",
	// Found by fuzzing: a NUL byte, trailing junk, a comment or a hashbang
	// ended by \r (tree-sitter ends the one there, not the other).
	"'use strict'/*\x00*/;", "'use strict';##!", "//\r0\n'use strict';", "#!\r'use strict';", "// a\u2028'use strict';",
}

// TestStrictPrologueImpliesTheParse holds the lexical check to the
// directive prologue of the parsed file (hasUseStrict, which the rule
// itself reads): whenever it says strict, the parse must say so too, or
// the prefilter would skip a file the rule reports in. Files with syntax
// errors are left out: there tree-sitter's recovery may read the first
// statement otherwise, but the language says such a file is strict all
// the same, so skipping it loses no true finding.
func TestStrictPrologueImpliesTheParse(t *testing.T) {
	check := func(name string, src []byte) {
		if !strictPrologue(src) {
			return
		}
		tree, err := syntax.Parse(context.Background(), syntax.JavaScript, src, syntax.Options{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !tree.HasErrors() && !hasUseStrict(tree.Root()) {
			t.Errorf("%s: strictPrologue says strict, the parsed prologue does not", name)
		}
	}
	for _, s := range strictPrologueSeeds {
		check(s, []byte(s))
	}
	eachTestdataFile(t, []string{".js", ".jsx", ".cjs"}, check)
}

// TestStrictPrologueReadsTheUsualForms checks the forms it is for.
func TestStrictPrologueReadsTheUsualForms(t *testing.T) {
	for _, s := range []string{"'use strict';", "\"use strict\";\nx = 1", "/** @license */\n'use strict';",
		"#!/usr/bin/env node\n'use strict';", "'use client';\n'use strict';", "// a\n/* b */ 'use strict' /* c */ ;", "\ufeff'use strict';"} {
		if !strictPrologue([]byte(s)) {
			t.Errorf("%q: strictPrologue says no", s)
		}
	}
	for _, s := range []string{"'use strict'\nx = 1", "'use strict'\n(x)", "'use strict'.length;", "x = 1; 'use strict';",
		"'use strict' // c\n;", "'a' + 'b'; 'use strict';", "function f() { 'use strict'; }", "'use\\x20strict';"} {
		if strictPrologue([]byte(s)) {
			t.Errorf("%q: strictPrologue says strict", s)
		}
	}
}

func FuzzStrictPrologue(f *testing.F) {
	for _, s := range strictPrologueSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !strictPrologue([]byte(s)) {
			return
		}
		tree, err := syntax.Parse(context.Background(), syntax.JavaScript, []byte(s), syntax.Options{})
		if err != nil || tree.HasErrors() {
			return
		}
		if !hasUseStrict(tree.Root()) {
			t.Errorf("%q: strictPrologue says strict, the parsed prologue does not", s)
		}
	})
}
