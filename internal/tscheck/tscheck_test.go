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
			if Breaking(d) {
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
