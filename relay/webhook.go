package relay

import (
	"errors"
	"io"
	"log/slog"
	"net/http"
	"time"

	"sapa/platforms"
	"sapa/store"
)

// WebhookHandler routes pushed events to the connectors that accept them and
// ingests what they return exactly as polling does. A request that fails
// verification gets 401 and stores nothing; a body over maxBody gets 413;
// a redelivered event is stored once because messages are unique per account.
func WebhookHandler(st *store.Store, accounts []Account, maxBody int64, log *slog.Logger) http.Handler {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	mux := http.NewServeMux()
	for i := range accounts {
		a := &accounts[i]
		if rcv, ok := a.Conn.(platforms.WebhookReceiver); ok {
			mux.Handle(rcv.WebhookPath(), webhook{st: st, acct: a, rcv: rcv, maxBody: maxBody, log: log})
		}
	}
	return mux
}

// WebhookServer wraps a handler with the timeouts a public listener needs.
func WebhookServer(addr string, h http.Handler, readTimeout time.Duration) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: readTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      2 * readTimeout,
		IdleTimeout:       time.Minute,
		MaxHeaderBytes:    16 << 10,
	}
}

type webhook struct {
	st      *store.Store
	acct    *Account
	rcv     platforms.WebhookReceiver
	maxBody int64
	log     *slog.Logger
}

func (h webhook) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, h.maxBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			http.Error(w, "body too large", http.StatusRequestEntityTooLarge)
			return
		}
		http.Error(w, "cannot read body", http.StatusBadRequest)
		return
	}
	items, handled, err := h.rcv.ServeWebhook(w, r, body)
	if handled {
		return
	}
	if err != nil {
		h.log.Warn("Webhook refused", "account", h.acct.Name, "remote", r.RemoteAddr, "err", err)
		if platforms.KindOf(err) == platforms.KindAuth {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	if len(items) > 0 {
		res, err := h.st.IngestPushed(r.Context(), h.acct.ID, items)
		if err != nil {
			// 5xx makes the platform deliver again later; nothing is lost.
			h.log.Error("Webhook ingest failed", "account", h.acct.Name, "err", err)
			http.Error(w, "try again", http.StatusServiceUnavailable)
			return
		}
		routeIngested(r.Context(), h.st, h.acct, res.Inbound, h.log)
	}
	w.WriteHeader(http.StatusOK)
}
