package astutil

import "testing"

func TestIndentUnit(t *testing.T) {
	cases := []struct{ name, src, want string }{
		{"four spaces with a top-level JSDoc", "/**\n * Status page.\n */\nexport default {\n    created() {\n        go(\n          1);\n    },\n};\n", "    "},
		{"two spaces", "function f() {\n  if (x) {\n    y();\n  }\n}\n", "  "},
		{"tabs", "function f() {\n\tif (x) {\n\t\ty();\n\t}\n}\n", "\t"},
		{"blanked template lines", "          \n   \nexport default {\n    mounted() {},\n};\n", "    "},
		{"no hint", "x();\n", "  "},
	}
	for _, c := range cases {
		if got := IndentUnit(c.src); got != c.want {
			t.Errorf("%s: IndentUnit = %q, want %q", c.name, got, c.want)
		}
	}
}
