package subscriptions

import (
	"github.com/leakwatch/leakwatch/analyzer"
	"github.com/leakwatch/leakwatch/analyzer/apis"
	"github.com/leakwatch/leakwatch/analyzer/lifecycle"
	"github.com/leakwatch/leakwatch/analyzer/scope"
	"github.com/leakwatch/leakwatch/analyzer/syntax"
	"github.com/leakwatch/leakwatch/rules/internal/astutil"
)

// A pub/sub client (MQTT, Redis, STOMP) subscribes by topic:
// `conn.subscribe(topic)` asks it to deliver a topic and
// `conn.unsubscribe(topic)` names the topic to stop (apis.TopicUndo). Such
// a subscribe returns no Subscription to dispose; what it keeps is what it
// is handed. Given a callback (`client.subscribe("news", onNews)`), the
// client keeps the callback and whatever it closes over until the topic is
// unsubscribed, and the call is judged as any other, its undo worded as
// the client's. Given none, the client holds nothing of the owner: the
// messages come through a stream the owner reads separately, judged on
// its own.

// unsubscribesByName reports a receiver the file elsewhere unsubscribes by
// name: a topic client.
func unsubscribesByName(p *analyzer.Pass, recv syntax.Node) bool {
	for _, r := range topicUndoReceivers(p) {
		if sameReceiver(p, r, recv) {
			return true
		}
	}
	return false
}

type topicUndoKey struct{}

// topicUndoReceivers are the receivers of the file's topic undo calls,
// found once per file.
func topicUndoReceivers(p *analyzer.Pass) []syntax.Node {
	return p.Memo(topicUndoKey{}, func() any {
		var out []syntax.Node
		p.Tree.Root().Walk(func(n syntax.Node) bool {
			if n.Kind() == "call_expression" {
				if r, name := astutil.Method(n); r.Valid() && apis.TopicUndo(name, len(astutil.Args(n))) {
					out = append(out, r)
				}
			}
			return true
		})
		return out
	}).([]syntax.Node)
}

// handsNoFunction reports a subscribe call given arguments, none of them a
// function or an observer object. A call given none
// (obs$.subscribe()) runs an observable for its side effects.
func handsNoFunction(p *analyzer.Pass, o *lifecycle.Owner, call syntax.Node) bool {
	args := astutil.Args(call)
	if len(args) == 0 {
		return false
	}
	for _, a := range args {
		if astutil.IsFunction(a) || p.Life.FunctionDenoted(a, o, lifecycle.FollowBind|lifecycle.FollowMemo).Valid() {
			return false
		}
		for _, k := range []string{"next", "error", "complete"} {
			if _, ok := astutil.Property(a, k); ok {
				return false
			}
		}
	}
	return true
}

// sameReceiver reports two expressions that denote one object: by the
// scope's reading, or written alike from the same binding.
func sameReceiver(p *analyzer.Pass, a, b syntax.Node) bool {
	if p.Scope.Same(a, b) {
		return true
	}
	ka, kb := p.Scope.Key(a), p.Scope.Key(b)
	if ka != "" {
		return ka == kb
	}
	return scope.Unwrap(a).Text() == scope.Unwrap(b).Text()
}
