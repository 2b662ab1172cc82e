package email

import (
	"testing"

	"sapa/platforms/platformtest"
)

// TestContract runs the shared connector contract against the in-process
// IMAP and SMTP servers.
func TestContract(t *testing.T) {
	platformtest.Run(t, func(t *testing.T) platformtest.Fake { return newFakeMail(t) })
}
