package lifecycle_test

import (
	"testing"

	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
)

// Each Follow option widens what FunctionDenoted resolves, and nothing
// else does: the rules that share it keep the verdicts they had.
func TestFunctionDenotedFollows(t *testing.T) {
	src := `class Poller extends React.Component {
  componentDidMount() {
    reg(tick, memo, later, this.poll, this.poll.bind(this), () => 1);
  }
  poll() {}
}
function tick() {}
const memo = useCallback(() => {}, []);
let later = () => {};
later = () => {};
`
	o, m, call := ownerAt(t, syntax.JavaScript, src, "reg", lifecycle.Config{})
	if o == nil {
		t.Fatal("no owner")
	}
	args := call.Get("arguments").Children()
	names := []string{"tick", "memo", "later", "this.poll", "this.poll.bind(this)", "() => 1"}
	cases := []struct {
		follow lifecycle.Follow
		owner  *lifecycle.Owner
		want   []bool // per argument: resolves to a function
	}{
		{0, o, []bool{true, false, false, true, false, true}},
		{lifecycle.FollowMemo, o, []bool{true, true, false, true, false, true}},
		{lifecycle.FollowReassigned, o, []bool{true, false, true, true, false, true}},
		{lifecycle.FollowBind, o, []bool{true, false, false, true, true, true}},
		{lifecycle.FollowBind, nil, []bool{true, false, false, false, false, true}}, // no owner: this.x is unknown
		{lifecycle.FollowThisClass, nil, []bool{true, false, false, true, false, true}},
		{lifecycle.FollowThisClass | lifecycle.FollowBind, nil, []bool{true, false, false, true, true, true}},
	}
	for _, c := range cases {
		for i, a := range args {
			if got := m.FunctionDenoted(a, c.owner, c.follow).Valid(); got != c.want[i] {
				t.Errorf("follow %b, owner %v: %s resolved = %v, want %v", c.follow, c.owner != nil, names[i], got, c.want[i])
			}
		}
	}
	if fn := m.FunctionOf(args[1]); !fn.Valid() {
		t.Error("FunctionOf does not follow useCallback")
	}
}
