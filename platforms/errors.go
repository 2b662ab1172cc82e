package platforms

import (
	"errors"
	"fmt"
	"time"

	"sapa/config"
)

// Kind classifies a connector error so the relay knows what to do with it.
type Kind int

// Error kinds.
const (
	// KindTransient: the request surely did not take effect (connection
	// refused, DNS failure); it is safe to retry.
	KindTransient Kind = iota + 1
	// KindAmbiguous: the request may have taken effect (timeout after sending,
	// 5xx). A send with this outcome is never retried blindly.
	KindAmbiguous
	// KindRateLimited: the platform asked us to wait until RetryAt.
	KindRateLimited
	// KindAuth: the token is missing, revoked or lacks a permission.
	KindAuth
	// KindPermanent: the platform refused this request for good.
	KindPermanent
	// KindUnsupported: the platform cannot do this at all.
	KindUnsupported
	// KindMalformed: the platform answered something we cannot parse.
	KindMalformed
)

// String names the kind for logs and the status bar.
func (k Kind) String() string {
	switch k {
	case KindTransient:
		return "transient"
	case KindAmbiguous:
		return "ambiguous"
	case KindRateLimited:
		return "rate-limited"
	case KindAuth:
		return "auth"
	case KindPermanent:
		return "permanent"
	case KindUnsupported:
		return "unsupported"
	case KindMalformed:
		return "malformed"
	}
	return "unknown"
}

// Error is the typed error every connector returns. Message must never hold
// a secret: connectors redact tokens before building it.
type Error struct {
	Kind    Kind
	Message string    // the platform's own words, when it gave any
	Fix     string    // what the admin can do, for auth and permanent errors
	RetryAt time.Time // for KindRateLimited
	Err     error     // the underlying error, already redacted
}

// Error implements error.
func (e *Error) Error() string {
	s := e.Kind.String()
	if e.Message != "" {
		s += ": " + e.Message
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// Errorf builds an *Error of kind k with a formatted message.
func Errorf(k Kind, format string, args ...any) *Error {
	return &Error{Kind: k, Message: fmt.Sprintf(format, args...)}
}

// RateLimited builds a KindRateLimited error that asks to wait until at.
func RateLimited(at time.Time, message string) *Error {
	return &Error{Kind: KindRateLimited, Message: message, RetryAt: at}
}

// KindOf returns the kind of err, treating untyped errors as ambiguous so that
// an unknown failure never causes a blind resend.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return KindAmbiguous
}

// ErrUnsupported is returned for operations a platform cannot do.
var ErrUnsupported = &Error{Kind: KindUnsupported, Message: "not supported by this platform"}

// Describe is err's message followed by the connector's advice, when it gave
// any: the line an admin sees for an unhealthy account or a failed reply. A
// secret that could not be read has its own advice, which wins over the
// connector's (an unset variable is not a revoked token).
func Describe(err error) string {
	var se *config.SecretError
	if errors.As(err, &se) {
		return err.Error() + " — " + se.Fix
	}
	var e *Error
	if errors.As(err, &e) && e.Fix != "" {
		return err.Error() + " — " + e.Fix
	}
	return err.Error()
}
