package sarifcheck

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// The schema's own $id: registering the local copy under it keeps the
// compiler from ever trying to fetch it.
const schemaID = "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json"

func repoRoot(t *testing.T) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// leakwatchBinary builds cmd/leakwatch once per test run. The test runs the
// real binary, not a function in-process, because what CI uploads is the
// binary's stdout: flags, exit codes and all.
func leakwatchBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "sarifcheck-")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "leakwatch")
		cmd := exec.Command("go", "build", "-o", binPath, "./cmd/leakwatch")
		cmd.Dir = repoRoot(t)
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build ./cmd/leakwatch: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

func TestMain(m *testing.M) {
	code := m.Run()
	if binPath != "" {
		os.RemoveAll(filepath.Dir(binPath))
	}
	os.Exit(code)
}

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(filepath.Join(repoRoot(t), "testdata", "sarif", "sarif-schema-2.1.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatalf("the shipped schema is not JSON: %v", err)
	}
	c := jsonschema.NewCompiler()
	// Formats ("uri", "date-time") are annotations by default in draft-07;
	// GitHub's SARIF ingestion rejects bad URIs, so assert them here too.
	c.AssertFormat()
	if err := c.AddResource(schemaID, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(schemaID)
	if err != nil {
		t.Fatalf("compiling the SARIF schema: %v", err)
	}
	return sch
}

// runSARIF runs `leakwatch check --format sarif args...` from the repository
// root, as a CI job would, and returns stdout after checking the exit code.
func runSARIF(t *testing.T, wantExit int, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(leakwatchBinary(t), append([]string{"check", "--format", "sarif"}, args...)...)
	cmd.Dir = repoRoot(t)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		code = exitErr.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	if code != wantExit {
		t.Fatalf("leakwatch check --format sarif %s: exit code %d, want %d\nstderr:\n%s", strings.Join(args, " "), code, wantExit, stderr.String())
	}
	return stdout.Bytes()
}

func validate(t *testing.T, sch *jsonschema.Schema, out []byte) any {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("the SARIF output is not JSON: %v\n%s", err, out)
	}
	if err := sch.Validate(inst); err != nil {
		var verr *jsonschema.ValidationError
		if errors.As(err, &verr) {
			t.Fatalf("the SARIF output violates the SARIF 2.1.0 schema:\n%v", verr)
		}
		t.Fatal(err)
	}
	return inst
}

// sarifLog is the part of a SARIF log this test reads beyond the schema.
type sarifLog struct {
	Runs []struct {
		Tool struct {
			Driver struct {
				Rules []struct {
					ID string `json:"id"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results []struct {
			RuleID    string `json:"ruleId"`
			RuleIndex *int   `json:"ruleIndex"`
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI string `json:"uri"`
					} `json:"artifactLocation"`
					Region struct {
						StartLine int `json:"startLine"`
					} `json:"region"`
				} `json:"physicalLocation"`
			} `json:"locations"`
		} `json:"results"`
	} `json:"runs"`
}

func TestLeakyExamplesValidate(t *testing.T) {
	sch := compileSchema(t)
	out := runSARIF(t, 1, "testdata/examples/leaky")
	validate(t, sch, out)

	// The schema cannot see that results point into the rules table, nor
	// that the findings are the planted ones: check those by hand.
	var log sarifLog
	if err := json.Unmarshal(out, &log); err != nil {
		t.Fatal(err)
	}
	if len(log.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(log.Runs))
	}
	run := log.Runs[0]
	got := make(map[string]bool)
	for i, r := range run.Results {
		if r.RuleIndex == nil || *r.RuleIndex < 0 || *r.RuleIndex >= len(run.Tool.Driver.Rules) {
			t.Errorf("result %d (%s): ruleIndex %v does not point into the %d rules", i, r.RuleID, r.RuleIndex, len(run.Tool.Driver.Rules))
		} else if id := run.Tool.Driver.Rules[*r.RuleIndex].ID; id != r.RuleID {
			t.Errorf("result %d: ruleId %q but ruleIndex points at %q", i, r.RuleID, id)
		}
		if len(r.Locations) == 0 {
			t.Errorf("result %d (%s) has no location", i, r.RuleID)
			continue
		}
		loc := r.Locations[0].PhysicalLocation
		uri := strings.TrimPrefix(loc.ArtifactLocation.URI, "testdata/examples/")
		got[fmt.Sprintf("%s:%d: %s", uri, loc.Region.StartLine, r.RuleID)] = true
	}

	// SARIF and JSON come from the same findings; a finding lost or moved
	// by the SARIF writer shows up as a difference here.
	want := jsonFindings(t, "testdata/examples/leaky")
	if len(want) == 0 {
		t.Fatal("leakwatch found nothing in testdata/examples/leaky; the SARIF check would be vacuous")
	}
	for w := range want {
		if !got[w] {
			t.Errorf("--format json reports %q, the SARIF has no such result", w)
		}
	}
	for g := range got {
		if !want[g] {
			t.Errorf("the SARIF reports %q, --format json does not", g)
		}
	}
	if len(run.Results) != len(want) {
		t.Errorf("%d SARIF results, --format json has %d", len(run.Results), len(want))
	}
}

// A clean run is still a complete log (empty results), which is what an
// upload step gets on a green build.
func TestFixedExamplesValidate(t *testing.T) {
	sch := compileSchema(t)
	out := runSARIF(t, 0, "testdata/examples/fixed")
	validate(t, sch, out)
	var log sarifLog
	if err := json.Unmarshal(out, &log); err != nil {
		t.Fatal(err)
	}
	if len(log.Runs) != 1 || len(log.Runs[0].Results) != 0 {
		t.Fatalf("want one run with no results, got %s", out)
	}
}

// The validator must be able to fail: a log with a level SARIF does not
// define is rejected, so a passing TestLeakyExamplesValidate means something.
func TestValidatorRejectsViolations(t *testing.T) {
	sch := compileSchema(t)
	for name, bad := range map[string]string{
		"unknown level":    `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"message":{"text":"m"},"level":"fatal"}]}]}`,
		"missing message":  `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"ruleId":"r"}]}]}`,
		"wrong version":    `{"version":"2.0.0","runs":[]}`,
		"startLine zero":   `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"message":{"text":"m"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"a.js"},"region":{"startLine":0}}}]}]}]}`,
		"unknown property": `{"version":"2.1.0","runs":[],"extra":1}`,
	} {
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(bad))
		if err != nil {
			t.Fatal(err)
		}
		if sch.Validate(inst) == nil {
			t.Errorf("%s: the schema accepted %s", name, bad)
		}
	}
}

// jsonFindings returns "path:line: rule" for each finding that
// `leakwatch check --format json` reports, paths relative to testdata/examples.
func jsonFindings(t *testing.T, path string) map[string]bool {
	t.Helper()
	cmd := exec.Command(leakwatchBinary(t), "check", "--format", "json", path)
	cmd.Dir = repoRoot(t)
	out, err := cmd.Output()
	var exitErr *exec.ExitError
	if err != nil && !(errors.As(err, &exitErr) && exitErr.ExitCode() == 1) {
		t.Fatalf("leakwatch check --format json %s: %v", path, err)
	}
	var res struct {
		Diagnostics []struct {
			File string `json:"file"`
			Line int    `json:"line"`
			Rule string `json:"rule"`
		} `json:"diagnostics"`
	}
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("--format json output: %v", err)
	}
	set := make(map[string]bool)
	for _, d := range res.Diagnostics {
		set[fmt.Sprintf("%s:%d: %s", strings.TrimPrefix(filepath.ToSlash(d.File), "testdata/examples/"), d.Line, d.Rule)] = true
	}
	return set
}
