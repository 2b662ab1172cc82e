package inbox

// RelayState is what a relay knows of its own lease. The screens of the
// process it runs in (a local `sapa`, every SSH session of `sapa serve`)
// follow it as it changes instead of reading the lease row on a timer.
type RelayState struct {
	Checked bool  // the first lease check has been made
	Held    bool  // this relay holds the lease
	Err     error // why the last lease check failed; nil when it did not
	Stopped bool  // the relay has stopped for good (its Run returned)
}

// Same reports whether s and o would show alike: errors compare by text,
// so the same failure checked again is no change.
func (s RelayState) Same(o RelayState) bool {
	return s.Checked == o.Checked && s.Held == o.Held && s.Stopped == o.Stopped && errText(s.Err) == errText(o.Err)
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
