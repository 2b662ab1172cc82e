package email

import (
	"context"
	"encoding/json"
	"slices"
	"sync/atomic"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"sapa/inbox"
	"sapa/platforms"
)

// cursor is where Fetch stands, stored by the relay as an opaque JSON
// string: a position in the inbox and one in the Sent mailbox.
type cursor struct {
	In   position `json:"in"`
	Sent position `json:"sent"`
}

// position is where Fetch stands in one mailbox.
type position struct {
	V uint32 `json:"v"`           // UIDVALIDITY the UIDs belong to
	U uint32 `json:"u"`           // last UID handed out (or known not to matter)
	S string `json:"s,omitempty"` // "2006-01-02": SINCE bound while back-filling
}

// sinceLayout formats the back-fill bound in the cursor.
const sinceLayout = "2006-01-02"

func decodeCursor(s string) (cursor, bool) {
	var cur cursor
	if s == "" {
		return cur, true
	}
	if err := json.Unmarshal([]byte(s), &cur); err != nil {
		return cursor{}, false
	}
	return cur, true
}

func (cur cursor) String() string {
	b, _ := json.Marshal(cur)
	return string(b)
}

// imapConn is a logged-in IMAP session that ends when ctx does.
type imapConn struct {
	*imapclient.Client
	ctx  context.Context
	stop func() bool // detaches the close-on-cancel hook
}

// close logs out politely and drops the connection. Once ctx is done there
// is no LOGOUT: a running IDLE would hold the connection's writer, and stop
// may win the race against the hook, which then never closes it.
func (s *imapConn) close() {
	if s.stop() && s.ctx.Err() == nil {
		_ = s.Logout().Wait()
	}
	_ = s.Client.Close()
}

// openIMAP connects, secures and logs in. h receives unsolicited updates
// (IDLE); it may be nil.
func (c *Connector) openIMAP(ctx context.Context, h *imapclient.UnilateralDataHandler) (*imapConn, error) {
	conn, err := c.dial(ctx, c.imapAddr, c.imapTLS)
	if err != nil {
		return nil, c.transportErr("imap: connect "+c.imapAddr, err)
	}
	// imapclient commands take no context: closing the connection is what
	// unblocks them when ctx ends.
	stop := context.AfterFunc(ctx, func() { _ = conn.Close() })
	opts := &imapclient.Options{UnilateralDataHandler: h}
	var cl *imapclient.Client
	if c.imapTLS == tlsStartTLS {
		opts.TLSConfig = c.tlsFor(c.imapAddr)
		if cl, err = imapclient.NewStartTLS(conn, opts); err != nil {
			stop()
			_ = conn.Close()
			return nil, c.imapErr("imap: STARTTLS", err, false)
		}
	} else {
		cl = imapclient.New(conn, opts)
	}
	fail := func(e *platforms.Error) (*imapConn, error) {
		stop()
		_ = cl.Close()
		if ctx.Err() != nil {
			// The closed connection is only a symptom.
			e = c.transportErr("imap: "+c.imapAddr, ctx.Err())
		}
		return nil, e
	}
	if err := cl.WaitGreeting(); err != nil {
		return fail(c.imapErr("imap: greeting", err, false))
	}
	if err := cl.Login(c.username, c.password).Wait(); err != nil {
		return fail(c.imapErr("imap: login as "+c.username, err, true))
	}
	return &imapConn{Client: cl, ctx: ctx, stop: stop}, nil
}

// Fetch implements platforms.Connector: one page of messages after cursor,
// oldest first, from the inbox and then from the Sent mailbox. The Sent
// mailbox contributes the office's replies written in other mail clients
// (Direction Out), so a conversation shows every answer and the relay's
// collision guard sees them; messages there that answer nothing (new mail the
// office started) and pending \Draft copies are passed over. The cursor
// moves past messages that cannot be parsed (they are logged), so one bad
// message never blocks the mailbox.
func (c *Connector) Fetch(ctx context.Context, cursorStr string) (platforms.Batch, error) {
	cur, ok := decodeCursor(cursorStr)
	if !ok {
		// A damaged cursor must not stall the account: start over within
		// the history window; the store dedupes on Message-ID.
		c.log.Warn("email: unreadable cursor, re-reading the history window", "account", c.name)
	}
	s, err := c.openIMAP(ctx, nil)
	if err != nil {
		return platforms.Batch{}, err
	}
	defer s.close()

	items, more, err := c.fetchMailbox(s, c.mailbox, &cur.In, false)
	if err != nil {
		return platforms.Batch{}, err
	}
	if !more {
		sent, sentMore, err := c.fetchMailbox(s, c.sent, &cur.Sent, true)
		if err != nil {
			// The citizens' mail must not wait on the Sent mailbox: its
			// position stays where it was and is retried next time.
			c.log.Warn("email: reading the Sent mailbox failed", "account", c.name, "mailbox", c.sent, "err", err)
		}
		items, more = append(items, sent...), sentMore
	}
	return platforms.Batch{Items: items, Cursor: cur.String(), More: more}, nil
}

// fetchMailbox reads the next page of one mailbox and advances pos. ownSent
// marks the Sent mailbox (see Fetch). On error pos is left unchanged.
func (c *Connector) fetchMailbox(s *imapConn, name string, pos *position, ownSent bool) ([]inbox.Inbound, bool, error) {
	sel, err := s.Select(name, &imap.SelectOptions{ReadOnly: true}).Wait()
	if err != nil {
		return nil, false, c.imapErr("imap: examine "+name, err, false)
	}
	p := *pos
	if p.V != sel.UIDValidity {
		if p.V != 0 {
			c.log.Info("email: UIDVALIDITY changed, re-reading the history window",
				"account", c.name, "mailbox", name, "old", p.V, "new", sel.UIDValidity)
		}
		since := c.now().AddDate(0, 0, -c.historyDays)
		p = position{V: sel.UIDValidity, S: since.Format(sinceLayout)}
	}

	criteria := &imap.SearchCriteria{UID: []imap.UIDSet{{imap.UIDRange{Start: imap.UID(p.U + 1)}}}}
	if p.S != "" {
		if t, err := time.Parse(sinceLayout, p.S); err == nil {
			criteria.Since = t
		}
	}
	found, err := s.UIDSearch(criteria, nil).Wait()
	if err != nil {
		return nil, false, c.imapErr("imap: search "+name, err, false)
	}
	var uids []imap.UID
	for _, u := range found.AllUIDs() {
		// "n:*" also matches the last message when n is past it.
		if uint32(u) > p.U {
			uids = append(uids, u)
		}
	}
	slices.Sort(uids)
	page := uids[:min(len(uids), c.pageSize)]
	more := len(page) < len(uids)

	items, err := c.fetchPage(s, name, page, ownSent)
	if err != nil {
		return nil, false, err
	}
	if len(page) > 0 {
		p.U = uint32(page[len(page)-1])
	}
	if !more {
		// Caught up: UIDs below UIDNEXT that did not match are behind us for
		// good (expunged, or older than the back-fill window).
		if sel.UIDNext > 0 && uint32(sel.UIDNext)-1 > p.U {
			p.U = uint32(sel.UIDNext) - 1
		}
		p.S = ""
	}
	*pos = p
	return items, more, nil
}

// fetchSection is the part of each message Fetch downloads: the start of
// the whole message, without setting \Seen (the office's other mail clients
// keep their unread marks).
var fetchSection = &imap.FetchItemBodySection{Peek: true, Partial: &imap.SectionPartial{Offset: 0, Size: maxFetchBytes}}

// fetchPage downloads and parses the messages with the given UIDs.
func (c *Connector) fetchPage(s *imapConn, name string, uids []imap.UID, ownSent bool) ([]inbox.Inbound, error) {
	if len(uids) == 0 {
		return nil, nil
	}
	bufs, err := s.Fetch(imap.UIDSetNum(uids...), &imap.FetchOptions{
		UID:          true,
		Flags:        ownSent,
		InternalDate: true,
		BodySection:  []*imap.FetchItemBodySection{fetchSection},
	}).Collect()
	if err != nil {
		return nil, c.imapErr("imap: fetch from "+name, err, false)
	}
	slices.SortFunc(bufs, func(a, b *imapclient.FetchMessageBuffer) int { return int(a.UID) - int(b.UID) })
	var items []inbox.Inbound
	for _, b := range bufs {
		if ownSent && slices.Contains(b.Flags, imap.FlagDraft) {
			continue // not sent (yet): Send or FindSent settles it
		}
		raw := b.FindBodySection(fetchSection)
		if len(raw) == 0 {
			c.log.Warn("email: server sent no body, message skipped", "account", c.name, "mailbox", name, "uid", b.UID)
			continue
		}
		in, bodyErr, err := parseMessage(raw, b.InternalDate, c.address)
		if err != nil {
			c.log.Warn("email: unreadable message skipped", "account", c.name, "mailbox", name, "uid", b.UID, "err", err)
			continue
		}
		if bodyErr != nil {
			c.log.Warn("email: message body partly unreadable", "account", c.name, "mailbox", name, "uid", b.UID, "err", bodyErr)
		}
		if ownSent {
			if in.Message.ParentID == "" {
				continue // the office started this mail; it is no citizen's conversation
			}
			in.Message.Direction = inbox.Out
		}
		items = append(items, in)
	}
	return items, nil
}

// Wait blocks until the server reports new mail in the mailbox through IMAP
// IDLE (RFC 2177), or ctx ends. It returns nil at once when the mailbox
// already holds mail past cursor (the cursor of the last Fetch), so nothing
// that arrived between that Fetch and this call is missed. A server without
// IDLE gives an error of KindUnsupported: the relay then relies on polling.
// The relay discovers this method by type assertion on
// interface{ Wait(context.Context, string) error }.
func (c *Connector) Wait(ctx context.Context, cursorStr string) error {
	wake := make(chan struct{}, 1)
	var base atomic.Uint32
	h := &imapclient.UnilateralDataHandler{
		Mailbox: func(d *imapclient.UnilateralDataMailbox) {
			if d.NumMessages != nil && *d.NumMessages > base.Load() {
				select {
				case wake <- struct{}{}:
				default:
				}
			}
		},
	}
	s, err := c.openIMAP(ctx, h)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return err
	}
	defer s.close()
	caps := s.Caps()
	if !caps.Has(imap.CapIdle) && !caps.Has(imap.CapIMAP4rev2) {
		return platforms.Errorf(platforms.KindUnsupported, "server %s offers no IDLE; new mail is found by polling", c.imapAddr)
	}
	sel, err := s.Select(c.mailbox, &imap.SelectOptions{ReadOnly: true}).Wait()
	if err != nil {
		return c.imapErr("imap: examine "+c.mailbox, err, false)
	}
	if cur, ok := decodeCursor(cursorStr); ok && cursorStr != "" {
		if cur.In.V != sel.UIDValidity || (sel.UIDNext > 0 && uint32(sel.UIDNext)-1 > cur.In.U) {
			return nil
		}
	}
	base.Store(sel.NumMessages)
	idle, err := s.Idle()
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return c.imapErr("imap: idle", err, false)
	}
	var result error
	select {
	case <-wake:
	case <-ctx.Done():
	case <-s.Closed():
		result = platforms.Errorf(platforms.KindTransient, "imap: connection to %s closed during IDLE", c.imapAddr)
	}
	if ctx.Err() != nil {
		// Cancelling closes the connection too; report the cause.
		return ctx.Err()
	}
	if result == nil {
		_ = idle.Close()
		_ = idle.Wait()
	}
	return result
}
