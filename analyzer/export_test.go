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
