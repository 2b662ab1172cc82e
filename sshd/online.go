package sshd

// Online reports whether admin has a session open now; the relay does not
// nudge an admin who is logged in.
func (s *Server) Online(admin string) bool {
	s.open.mu.Lock()
	defer s.open.mu.Unlock()
	return s.open.of[admin] > 0
}
