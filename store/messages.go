package store

import (
	"context"

	"sapa/inbox"
)

// Thread returns the newest limit messages of a conversation, oldest first,
// followed by replies still in the outbox (queued, sending, failed, unknown),
// each with its delivery state.
func (s *Store) Thread(ctx context.Context, convID int64, limit int) ([]inbox.Message, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT * FROM (
			SELECT m.id, m.external_id, m.parent_external_id, m.direction, m.author_external_id, m.author_name,
				m.author_handle, m.text, m.sent_at, m.sent_by, CASE WHEN m.direction = 'out' THEN 'sent' ELSE '' END,
				'', m.hidden, 0 AS pending,
				COALESCE((SELECT `+hideStateSQL+` FROM moderation h WHERE h.message_id = m.id ORDER BY h.id DESC LIMIT 1), ''),
				COALESCE((SELECT h.last_error FROM moderation h WHERE h.message_id = m.id ORDER BY h.id DESC LIMIT 1), '')
			FROM messages m WHERE m.conversation_id = ?1 ORDER BY m.sent_at DESC, m.id DESC LIMIT ?2
		)
		UNION ALL
		SELECT -o.id, '', o.in_reply_to, 'out', '', '', '', o.text, o.created_at, o.admin, o.state,
			o.last_error, 0, 1, '', ''
		FROM outbox o WHERE o.conversation_id = ?1 AND o.state NOT IN ('sent', 'cancelled')
		UNION ALL `+approvalThread+`
		ORDER BY pending, 9, 1`, convID, limit)
	if err != nil {
		return nil, s.noteErr(err)
	}
	defer rows.Close()
	var out []inbox.Message
	for rows.Next() {
		var m inbox.Message
		var at int64
		var pending int
		if err := rows.Scan(&m.ID, &m.ExternalID, &m.ParentID, &m.Direction, &m.Author.ExternalID, &m.Author.Name,
			&m.Author.Handle, &m.Text, &at, &m.SentBy, &m.Delivery, &m.LastError, &m.Hidden, &pending, &m.Hiding, &m.HideError); err != nil {
			return nil, s.noteErr(err)
		}
		m.ConversationID = convID
		m.SentAt = fromMS(at)
		out = append(out, m)
	}
	return out, s.noteErr(rows.Err())
}
