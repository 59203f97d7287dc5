package tscheck

import (
	"strings"
	"testing"
)

// The real compiler, on pairs of files a fix could produce: what it adds
// about names, members and nullability breaks; what the environment lacks
// (the packages a file imports) and what was there before does not.
func TestAddedBreaking(t *testing.T) {
	cache, err := DefaultCache()
	if err != nil {
		t.Fatal(err)
	}
	tsc, err := Install(cache)
	if err != nil {
		t.Fatal(err)
	}
	before := `import { Component } from "react";
export class Clock extends Component {
  timer?: number;
  componentDidMount() {
    const onTick = () => this.forceUpdate();
    this.timer = window.setInterval(onTick, 1000);
    missing.call();
  }
}
`
	cases := []struct {
		name, after string
		want        []int // breaking codes added
	}{
		{"unchanged", before, nil},
		{"local used outside its method", strings.Replace(before, "  }\n}", "  }\n  componentWillUnmount() {\n    window.removeEventListener(\"x\", onTick);\n  }\n}", 1), []int{2304}},
		{"member that may be undefined", strings.Replace(before, "  }\n}", "  }\n  componentWillUnmount() {\n    this.timer.toFixed();\n  }\n}", 1), []int{2532}},
		{"member that does not exist", strings.Replace(before, "  }\n}", "  }\n  componentWillUnmount() {\n    window.clearInterval(window.timer);\n  }\n}", 1), []int{2339}},
		{"inherited member of an unknown base, optional chaining", strings.Replace(before, "  }\n}", "  }\n  componentWillUnmount() {\n    this.props.x?.off();\n    clearInterval(this.timer);\n  }\n}", 1), nil},
		{"an error that was there before, again", strings.Replace(before, "missing.call();", "missing.call();\n    missing.call();", 1), []int{2304}},
		{"syntax error", strings.Replace(before, "  }\n}", "  }\n  componentWillUnmount() {\n    clearInterval(this.timer;\n  }\n}", 1), []int{1005}},
	}
	files := []File{{Name: "before.ts", Text: before}}
	for i, c := range cases {
		files = append(files, File{Name: "after" + string(rune('a'+i)) + ".ts", Text: c.after})
	}
	diags, _, err := tsc.Check(files, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(diags["before.ts"]) == 0 {
		t.Fatal("the file with an undeclared name has no diagnostic")
	}
	for i, c := range cases {
		var got []int
		for _, d := range Added(diags["before.ts"], diags[files[i+1].Name]) {
			if Breaking(d, files[i+1].Name) {
				got = append(got, d.Code)
			}
		}
		if len(got) != len(c.want) || (len(got) > 0 && got[0] != c.want[0]) {
			t.Errorf("%s: added breaking codes %v, want %v\n%v", c.name, got, c.want, diags[files[i+1].Name])
		}
	}
}

// Vue's options object is checked as Vue's tooling checks it: `this` in
// its methods is the component, so members set in mounted are not errors.
func TestScriptVueOptions(t *testing.T) {
	src := "<template><div/></template>\n<script>\nexport default {\n  mounted() { this.timer = 1 },\n};\n</script>\n"
	text, ext, ok := Script("a.vue", []byte(src))
	if !ok || ext != ".js" {
		t.Fatalf("Script: %q %v", ext, ok)
	}
	if !strings.Contains(text, "export default "+vueComponent+"({") || !strings.Contains(text, "},\n})") {
		t.Errorf("the options object is not wrapped:\n%s", text)
	}
	if strings.Count(text, "\n") != strings.Count(src, "\n") {
		t.Errorf("wrapping changed the line count")
	}
}

// Added without the compiler: how a diagnostic is recognised after a fix
// moved, re-worded or replaced it.
func TestAddedMatching(t *testing.T) {
	d := func(code, line int, msg, src string) Diagnostic {
		return Diagnostic{Code: code, Line: line, Message: msg, Source: src}
	}
	cases := []struct {
		name          string
		before, after []Diagnostic
		want          int // added
	}{
		{"moved down", []Diagnostic{d(2304, 3, "Cannot find name 'x'.", "x()")}, []Diagnostic{d(2304, 9, "Cannot find name 'x'.", "x()")}, 0},
		{"suggestion given or not", []Diagnostic{d(2552, 3, "Cannot find name '$user'. Did you mean 'user'?", "f($user)")},
			[]Diagnostic{d(2304, 4, "Cannot find name '$user'.", "f($user)")}, 0},
		{"same message on a new line", []Diagnostic{d(2532, 3, "Object is possibly 'undefined'.", "this.a.close();")},
			[]Diagnostic{d(2532, 3, "Object is possibly 'undefined'.", "this.a.close();"), d(2532, 7, "Object is possibly 'undefined'.", "this.b.close();")}, 1},
		{"line's error replaced by another", []Diagnostic{d(2304, 5, "Cannot find name 'e'.", "e.code = 404;")},
			[]Diagnostic{d(2339, 5, "Property 'code' does not exist on type 'Error'.", "e.code = 404;")}, 0},
		{"line changed, problem kept", []Diagnostic{d(2304, 5, "Cannot find name 'bus'.", "bus.on(\"x\", f);")},
			[]Diagnostic{d(2304, 5, "Cannot find name 'bus'.", "bus.once(\"x\", f);")}, 0},
		{"new problem on a new line", nil, []Diagnostic{d(2304, 5, "Cannot find name 'offset'.", "top + offset")}, 1},
	}
	for _, c := range cases {
		if got := Added(c.before, c.after); len(got) != c.want {
			t.Errorf("%s: added %v, want %d", c.name, got, c.want)
		}
	}
}
