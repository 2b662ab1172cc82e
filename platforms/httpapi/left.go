package httpapi

import (
	"context"
	"net/http/httptrace"
	"sync/atomic"

	"sapa/platforms"
)

// The one rule for "did the request leave?".
//
// A request may have reached the platform from the moment the transport
// holds a connection for it (httptrace's GotConn): from then on its bytes
// can be on the wire, and a write that fails after that point may have been
// applied. A failure before it — a name that does not resolve, a refused
// connection, a failed TLS handshake, a proxy that refused us, a context
// cancelled while dialling — surely did not reach the platform, so even a
// write is safe to retry.
//
// GotConn and not WroteRequest: net/http writes the request in a goroutine
// of its own and reports WroteRequest from there, so a timeout can return
// from Do while the last bytes are leaving and before WroteRequest fires.
// GotConn is reported on the caller's goroutine before any byte is queued,
// so when it has not fired by the time Do fails, nothing was written.
//
// An answer whose body breaks off arrived, so its request surely left.

// watch records, for one request, whether its bytes may have left.
type watch struct{ conn atomic.Bool }

// trace returns ctx with the hook that marks the moment a connection is
// held for the request.
func (w *watch) trace(ctx context.Context) context.Context {
	return httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{
		GotConn: func(httptrace.GotConnInfo) { w.conn.Store(true) },
	})
}

// Left reports whether the request may have reached the platform.
func (w *watch) left() bool { return w.conn.Load() }

// outcome is the kind of a transport failure: transient when the request
// surely did not leave or changes nothing, ambiguous for a write that may
// have been applied. answered says the platform's answer had begun.
func (w *watch) outcome(send, answered bool) platforms.Kind {
	if send && (answered || w.left()) {
		return platforms.KindAmbiguous
	}
	return platforms.KindTransient
}

// transportError builds the typed error for a failure of the connection
// itself, with every secret removed.
func (c *Client) transportError(err error, kind platforms.Kind) *platforms.Error {
	msg := "cannot reach " + c.Platform
	if kind == platforms.KindAmbiguous {
		msg = "no answer from " + c.Platform + " after sending"
	}
	return &platforms.Error{Kind: kind, Message: msg, Err: c.Clean(err)}
}
