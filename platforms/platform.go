// Package platforms declares what a platform connector is: the Connector
// interface, optional extras discovered by type assertion, typed errors, and a
// registry value that main.go fills with the connectors it links in.
package platforms

import (
	"context"
	"net/http"

	"sapa/inbox"
)

// Connector talks to one account on one platform. Implementations must be safe
// for use from several goroutines and must honour ctx cancellation. Only the
// relay calls connectors; the UI never does.
type Connector interface {
	// Platform names the kind of channel this account is.
	Platform() inbox.Platform
	// Capabilities declares limits the composer must respect.
	Capabilities() inbox.Capabilities
	// Fetch returns items newer than cursor (empty on first start) and the
	// cursor to store with them. Batch.More asks the relay to fetch again at
	// once because pagination is not finished.
	Fetch(ctx context.Context, cursor string) (Batch, error)
	// Send posts a reply to the exact parent message or comment.
	Send(ctx context.Context, r inbox.Reply) (inbox.Sent, error)
}

// Batch is one page of fetched items.
type Batch struct {
	Items  []inbox.Inbound
	Cursor string // opaque; stored in the same transaction as Items
	More   bool   // another page is ready now
	// Degraded says which part of the account is failing while the rest
	// is read ("direct messages: …"); empty when every part works. The
	// relay shows it as the account's health.
	Degraded string
}

// Reconciler is implemented by connectors that can read back the account's own
// recent replies, to settle sends whose outcome was ambiguous.
type Reconciler interface {
	// FindSent looks for r among the account's recent replies. found is false
	// when the platform surely has no such reply.
	FindSent(ctx context.Context, r inbox.Reply) (sent inbox.Sent, found bool, err error)
}

// WebhookReceiver is implemented by connectors that accept pushed events.
type WebhookReceiver interface {
	// WebhookPath is the URL path `sapa serve` routes to this account.
	WebhookPath() string
	// ServeWebhook verifies and parses one request. It returns the items to
	// ingest; a verification failure is an *Error of kind KindAuth. Responses
	// for verification handshakes (Meta's GET hub.challenge) are written to w
	// with handled set to true.
	ServeWebhook(w http.ResponseWriter, r *http.Request, body []byte) (items []inbox.Inbound, handled bool, err error)
}

// Checker is implemented by connectors that can check their own health for
// `sapa doctor`: token accepted, permissions sufficient, base URL reachable.
type Checker interface {
	Check(ctx context.Context) []Finding
}

// Finding is one line of a health check.
type Finding struct {
	Check string // what was checked, e.g. "token accepted"
	OK    bool
	Fix   string // what to do when not OK
}

// Confirmer is implemented by connectors whose Fetch confirms the cursor it
// is given to the platform, which then drops what came before it (Telegram's
// getUpdates offset). The relay makes every ingested batch durable before
// such a fetch; any other cursor is a position the platform can be asked
// from again, so a batch a power cut took back is fetched again.
type Confirmer interface {
	ConfirmsCursor() bool
}

// Hider is implemented by connectors that can hide a public comment.
type Hider interface {
	Hide(ctx context.Context, externalID string, hidden bool) error
}

// Waiter is implemented by connectors that can be told of new items as they
// arrive (IMAP IDLE). Wait blocks until something may be new past cursor,
// or ctx ends; the relay then fetches at once instead of at the next poll.
// An error of KindUnsupported means the server cannot push: polling only.
type Waiter interface {
	Wait(ctx context.Context, cursor string) error
}
