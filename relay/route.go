package relay

import (
	"context"
	"log/slog"

	"sapa/store"
)

// routeIngested reads the citizens' new messages of conversations nobody
// has placed yet for the place (and agency) they concern, and hands the
// store what it read: it applies a confident unit and keeps the rest as
// suggestions. Per conversation the first confident reading wins, else the
// newest suggestion. The messages are already stored: a failure here is
// logged and loses nothing; the conversation stays where it was.
func routeIngested(ctx context.Context, st *store.Store, a *Account, in []store.Ingested, log *slog.Logger) {
	if a.Route == nil || len(in) == 0 {
		return
	}
	var ids []int64
	seen := map[int64]bool{}
	for _, m := range in {
		if !seen[m.Conversation] {
			seen[m.Conversation] = true
			ids = append(ids, m.Conversation)
		}
	}
	open, err := st.Unplaced(ctx, ids)
	if err != nil {
		log.Warn("Routing skipped", "account", a.Name, "err", err)
		return
	}
	read := map[int64]store.Route{}
	var order []int64
	for _, m := range in {
		cur, had := read[m.Conversation]
		if !open[m.Conversation] || cur.Confident {
			continue
		}
		r := a.Route(m.Text)
		if r.Unit == "" && r.Agency == "" && r.Matched == "" {
			continue
		}
		r.Conversation = m.Conversation
		if !had {
			order = append(order, m.Conversation)
		}
		read[m.Conversation] = r
	}
	routes := make([]store.Route, len(order))
	for i, id := range order {
		routes[i] = read[id]
	}
	if err := st.ApplyRoutes(ctx, routes); err != nil {
		log.Warn("Routing not recorded", "account", a.Name, "err", err)
	}
}
