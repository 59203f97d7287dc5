package analyzer

// SessionLent tells tests how many fix validations reused a session's
// kept tree.
func SessionLent(s *Session) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.lent
}
