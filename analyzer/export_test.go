package analyzer

// SessionLent tells tests how many fix validations reused a session's
// kept tree.
func SessionLent(s *Session) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.lent
}

// SessionCarried tells tests how many times an analysis in s kept a
// rule's findings from the last one instead of running the rule.
func SessionCarried(s *Session) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.carried
}

// FindNeedles is the prefilter's needle scan of src, outside a session.
func (e *Engine) FindNeedles(src []byte) []bool { return e.findNeedles(src, nil) }

// NeedleStates tells tests how many states the needle automaton has.
func (e *Engine) NeedleStates() int { return len(e.needles.out) }
