package store

import (
	"context"
	"strings"

	"sapa/inbox"
)

// spamWindow bounds how far back training reads: the newest conversations
// by id, so training costs the same on a store of any size.
const spamWindow = 20000

// citizenText is the text of a conversation's (alias c) newest citizen
// messages, the evidence the spam suggestion weighs.
const citizenText = `COALESCE((SELECT group_concat(text, ' ') FROM (SELECT m.text FROM messages m
	WHERE m.conversation_id = c.id AND m.direction = 'in' ORDER BY m.sent_at DESC, m.id DESC LIMIT 3)), '')`

// SpamExamples returns the admins' own judgements, newest first, at most
// limit of each kind: conversations labelled spam, and conversations
// answered or closed without that label. It reads the whole office: the
// one model a process trains learns from every unit, and only suggests.
func (s *Store) SpamExamples(ctx context.Context, limit int) ([]inbox.Judged, error) {
	recent := `c.id > (SELECT COALESCE(MAX(id), 0) FROM conversations) - ` + itoa(spamWindow)
	query := `SELECT * FROM (SELECT c.id, ` + citizenText + `, 1 FROM conversations c
			WHERE ` + recent + ` AND c.labels LIKE '%,` + inbox.SpamLabel + `,%'
			ORDER BY c.id DESC LIMIT ?)
		UNION ALL SELECT * FROM (SELECT c.id, ` + citizenText + `, 0 FROM conversations c
			WHERE ` + recent + ` AND c.labels NOT LIKE '%,` + inbox.SpamLabel + `,%'
				AND (c.first_response_at > 0 OR c.status = 'done')
			ORDER BY c.id DESC LIMIT ?)`
	return s.judged(ctx, query, limit, limit)
}

// SpamCandidates returns open conversations not labelled spam, newest
// first, for the suggestion to weigh.
func (s *Store) SpamCandidates(ctx context.Context, limit int) ([]inbox.Judged, error) {
	return s.spamCandidates(ctx, limit, nil)
}

func (s *Store) spamCandidates(ctx context.Context, limit int, q *Scoped) ([]inbox.Judged, error) {
	query, args := spamCandidatesSQL(limit, q)
	return s.judged(ctx, query, args...)
}

// spamCandidatesSQL is the query of SpamCandidates in the scope q.
func spamCandidatesSQL(limit int, q *Scoped) (string, []any) {
	terms := []string{"c.queue = 'open'", `c.labels NOT LIKE '%,` + inbox.SpamLabel + `,%'`}
	order := " ORDER BY c.priority DESC, c.last_message_at DESC, c.id DESC LIMIT " + itoa(int64(limit))
	where, args := strings.Join(terms, " AND "), []any{}
	if q.confined() { // the scope's own open ones (scopedIDs), not every open row checked
		ids, iargs := q.scopedIDs(terms, nil, order, false)
		where, args = "c.id IN ("+ids+")", iargs
	}
	return `SELECT c.id, ` + citizenText + `, 0 FROM conversations c WHERE ` + where + order, args
}

func (s *Store) judged(ctx context.Context, query string, args ...any) ([]inbox.Judged, error) {
	rows, err := s.r.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, s.noteErr(err)
	}
	defer rows.Close()
	var out []inbox.Judged
	for rows.Next() {
		var j inbox.Judged
		if err := rows.Scan(&j.ConvID, &j.Text, &j.Spam); err != nil {
			return nil, err
		}
		out = append(out, j)
	}
	return out, s.noteErr(rows.Err())
}

// SpamCandidates is Store.SpamCandidates within the scope.
func (q *Scoped) SpamCandidates(ctx context.Context, limit int) ([]inbox.Judged, error) {
	return q.s.spamCandidates(ctx, limit, q)
}
