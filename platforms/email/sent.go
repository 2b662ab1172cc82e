package email

import (
	"context"
	"slices"
	"time"

	"github.com/emersion/go-imap/v2"

	"sapa/inbox"
	"sapa/platforms"
)

// copies describes what the Sent mailbox holds for one of our Message-IDs.
type copies struct {
	uids    []imap.UID // every copy
	sent    bool       // some copy is not \Draft: the server accepted the message
	pending bool       // some copy is \Draft and not \Deleted: outcome unknown
	date    time.Time  // internal date of a sent copy
}

// findCopies searches the selected mailbox for messages with Message-ID id.
// SEARCH HEADER matches substrings; the angle brackets are left out because
// servers differ in whether they keep them, and our ids cannot be found
// inside one another: each starts with "sapa-" and the key ends at "@".
func (c *Connector) findCopies(s *imapConn, id string) (copies, error) {
	var cp copies
	found, err := s.UIDSearch(&imap.SearchCriteria{
		Header: []imap.SearchCriteriaHeaderField{{Key: "Message-ID", Value: id}},
	}, nil).Wait()
	if err != nil {
		return cp, c.imapErr("imap: search "+c.sent, err, false)
	}
	cp.uids = found.AllUIDs()
	if len(cp.uids) == 0 {
		return cp, nil
	}
	bufs, err := s.Fetch(imap.UIDSetNum(cp.uids...), &imap.FetchOptions{UID: true, Flags: true, InternalDate: true}).Collect()
	if err != nil {
		return cp, c.imapErr("imap: fetch flags in "+c.sent, err, false)
	}
	for _, b := range bufs {
		draft := slices.Contains(b.Flags, imap.FlagDraft)
		deleted := slices.Contains(b.Flags, imap.FlagDeleted)
		switch {
		case !draft:
			cp.sent = true
			cp.date = b.InternalDate
		case !deleted:
			cp.pending = true
		}
	}
	return cp, nil
}

// prepareSentCopy selects the Sent mailbox and makes sure it holds exactly
// one \Draft copy of raw, unless a sent copy already exists.
func (c *Connector) prepareSentCopy(s *imapConn, id string, raw []byte, now time.Time) (copies, error) {
	if _, err := s.Select(c.sent, nil).Wait(); err != nil {
		return copies{}, c.imapErr("imap: select "+c.sent, err, false)
	}
	cp, err := c.findCopies(s, id)
	if err != nil || cp.sent {
		return cp, err
	}
	if len(cp.uids) > 0 {
		// A copy from an attempt that surely failed: revive it.
		err := s.Store(imap.UIDSetNum(cp.uids...), &imap.StoreFlags{
			Op: imap.StoreFlagsDel, Silent: true, Flags: []imap.Flag{imap.FlagDeleted},
		}, nil).Close()
		if err != nil {
			return cp, c.imapErr("imap: store in "+c.sent, err, false)
		}
		return cp, nil
	}
	app := s.Append(c.sent, int64(len(raw)), &imap.AppendOptions{
		Flags: []imap.Flag{imap.FlagSeen, imap.FlagDraft},
		Time:  now,
	})
	if _, err := app.Write(raw); err != nil {
		return cp, c.imapErr("imap: append to "+c.sent, err, false)
	}
	if err := app.Close(); err != nil {
		return cp, c.imapErr("imap: append to "+c.sent, err, false)
	}
	data, err := app.Wait()
	if err != nil {
		return cp, c.imapErr("imap: append to "+c.sent, err, false)
	}
	if data != nil && data.UID != 0 {
		cp.uids = []imap.UID{data.UID}
		return cp, nil
	}
	// No UIDPLUS: find the copy we just added.
	found, err := c.findCopies(s, id)
	found.sent, found.date = false, time.Time{}
	return found, err
}

// markSent clears \Draft on our copies once the server accepted the message.
func (c *Connector) markSent(s *imapConn, uids []imap.UID) error {
	if len(uids) == 0 {
		return nil
	}
	return s.Store(imap.UIDSetNum(uids...), &imap.StoreFlags{
		Op: imap.StoreFlagsDel, Silent: true, Flags: []imap.Flag{imap.FlagDraft, imap.FlagDeleted},
	}, nil).Close()
}

// markSentFresh retries markSent on a new connection, for when the first
// one dropped while SMTP was busy. Failing again leaves the copy \Draft, so a
// later FindSent answers "unknown" rather than a wrong "not sent".
func (c *Connector) markSentFresh(id string, first error) {
	ctx, cancel := context.WithTimeout(context.Background(), dialTimeout)
	defer cancel()
	err := func() error {
		s, err := c.openIMAP(ctx, nil)
		if err != nil {
			return err
		}
		defer s.close()
		if _, err := s.Select(c.sent, nil).Wait(); err != nil {
			return err
		}
		cp, err := c.findCopies(s, id)
		if err != nil {
			return err
		}
		return c.markSent(s, cp.uids)
	}()
	if err != nil {
		c.log.Warn("email: reply sent, but its copy in the Sent mailbox is still marked draft",
			"account", c.name, "message_id", id, "err", c.redact(first.Error()))
	}
}

// dropSentCopy removes the \Draft copy of a message the server refused.
// Without UIDPLUS the copy is only flagged \Deleted: a plain EXPUNGE would
// also purge what other mail clients flagged.
func (c *Connector) dropSentCopy(s *imapConn, uids []imap.UID) {
	if len(uids) == 0 {
		return
	}
	set := imap.UIDSetNum(uids...)
	err := s.Store(set, &imap.StoreFlags{Op: imap.StoreFlagsAdd, Silent: true, Flags: []imap.Flag{imap.FlagDeleted}}, nil).Close()
	if err == nil {
		if caps := s.Caps(); caps.Has(imap.CapUIDPlus) || caps.Has(imap.CapIMAP4rev2) {
			err = s.UIDExpunge(set).Close()
		}
	}
	if err != nil {
		c.log.Warn("email: could not remove the copy of a refused reply from the Sent mailbox",
			"account", c.name, "err", c.redact(err.Error()))
	}
}

// FindSent implements platforms.Reconciler by looking for the reply's
// Message-ID in the Sent mailbox. No copy: Send never reached SMTP, so the
// reply was surely not sent. A copy without \Draft: sent. Only a \Draft
// copy: SMTP's answer was lost and the outcome cannot be known; the error
// (KindAmbiguous) says so, and the admin decides.
func (c *Connector) FindSent(ctx context.Context, r inbox.Reply) (inbox.Sent, bool, error) {
	id := c.messageID(r.IdempotencyKey)
	s, err := c.openIMAP(ctx, nil)
	if err != nil {
		return inbox.Sent{}, false, err
	}
	defer s.close()
	if _, err := s.Select(c.sent, &imap.SelectOptions{ReadOnly: true}).Wait(); err != nil {
		return inbox.Sent{}, false, c.imapErr("imap: examine "+c.sent, err, false)
	}
	cp, err := c.findCopies(s, id)
	switch {
	case err != nil:
		return inbox.Sent{}, false, err
	case cp.sent:
		return inbox.Sent{ExternalID: id, SentAt: cp.date}, true, nil
	case cp.pending:
		return inbox.Sent{}, false, &platforms.Error{Kind: platforms.KindAmbiguous,
			Message: "email: the server's answer to this reply was lost; it may have been delivered",
			Fix:     "ask the citizen, or check the recipient's side, before sending again"}
	}
	return inbox.Sent{}, false, nil
}
