package meta

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"time"

	"sapa/platforms"
	"sapa/platforms/httpapi"
)

// APIError is Graph's error object: {"error":{"message","type","code",
// "error_subcode","fbtrace_id",...}}.
type APIError struct {
	Message     string `json:"message"`
	Type        string `json:"type"`
	Code        int    `json:"code"`
	Subcode     int    `json:"error_subcode"`
	UserTitle   string `json:"error_user_title"`
	UserMsg     string `json:"error_user_msg"`
	FBTraceID   string `json:"fbtrace_id"`
	IsTransient bool   `json:"is_transient"`
	ErrorData   struct {
		Details string `json:"details"`
	} `json:"error_data"`
}

// text is the platform's own words, with the details Meta adds.
func (e APIError) text() string {
	t := strings.TrimSpace(e.Message)
	if e.ErrorData.Details != "" && !strings.Contains(t, e.ErrorData.Details) {
		t += ": " + e.ErrorData.Details
	}
	if t == "" {
		t = "Graph API error"
	}
	return t
}

// CodeError carries a Graph error's numbers under a platforms.Error, so
// callers can special-case a code and admins can quote the trace id.
type CodeError struct {
	Code      int
	Subcode   int
	FBTraceID string
}

// Error renders the numbers.
func (c *CodeError) Error() string {
	s := fmt.Sprintf("code %d", c.Code)
	if c.Subcode != 0 {
		s += fmt.Sprintf(", subcode %d", c.Subcode)
	}
	if c.FBTraceID != "" {
		s += ", fbtrace_id " + c.FBTraceID
	}
	return s
}

// parseError finds a Graph error object in a body.
func parseError(data []byte) (APIError, bool) {
	var env struct {
		Error *APIError `json:"error"`
	}
	if json.Unmarshal(data, &env) != nil || env.Error == nil {
		return APIError{}, false
	}
	if env.Error.Code == 0 && env.Error.Message == "" {
		return APIError{}, false
	}
	return *env.Error, true
}

// Throttling codes: 4 app, 17 user, 32 Page, 613 custom, 80001–80009
// business-use-case (Pages, Instagram, Messenger, WhatsApp management…),
// and WhatsApp's 130429 (throughput), 131048 (spam rate) and 131056 (pair rate).
func isThrottle(code int) bool {
	switch {
	case code == 4, code == 17, code == 32, code == 613:
		return true
	case code >= 80000 && code <= 80099:
		return true
	case code == 130429, code == 131048, code == 131056:
		return true
	}
	return false
}

// defaultWait is how long to wait after a throttle Meta gave no estimate for.
func defaultWait(code int) time.Duration {
	switch code {
	case 613, 130429, 131048, 131056:
		return time.Minute // per-endpoint or per-number limits clear quickly
	}
	return 10 * time.Minute // app, user, Page and BUC windows are an hour or a day long
}

// Token errors: 190 invalid/expired token, 102 session, 104 no token,
// 463/467 expired (old apps report them as codes).
func isTokenError(code int) bool {
	switch code {
	case 190, 102, 104, 463, 467:
		return true
	}
	return false
}

// Outside the Messenger/Instagram messaging window: (#10) with these subcodes.
func isWindowError(e APIError) bool {
	return e.Code == 10 && (e.Subcode == 2018278 || e.Subcode == 2018108 || e.Subcode == 2534022)
}

var permPattern = regexp.MustCompile(`\b(pages|instagram|whatsapp|business|read|publish|manage|ads)_[a-z_]+\b`)

// missingPermission names the permission a (#10)/(#200) message mentions.
func missingPermission(msg string) string {
	return permPattern.FindString(msg)
}

// classify turns an answer into a typed error, or nil for a success. Graph
// sometimes reports an error object with a 2xx status.
func (c *Client) classify(req httpapi.Request, resp httpapi.Response) error {
	status, h, data, write := resp.Status, resp.Header, resp.Body, req.Send
	if resp.OK() {
		if e, ok := parseError(data); ok {
			return c.fromAPIError(status, h, e, write)
		}
		return nil
	}
	if e, ok := parseError(data); ok {
		return c.fromAPIError(status, h, e, write)
	}
	msg := fmt.Sprintf("Graph API answered HTTP %d", status)
	switch {
	case status == http.StatusUnauthorized:
		return &platforms.Error{Kind: platforms.KindAuth, Message: msg, Fix: c.tokenFix}
	case status == http.StatusTooManyRequests:
		at := c.throttled(h, 0)
		return &platforms.Error{Kind: platforms.KindRateLimited, Message: msg, RetryAt: at}
	case status >= 500:
		return &platforms.Error{Kind: c.serverKind(write), Message: msg}
	case status == http.StatusForbidden:
		return &platforms.Error{Kind: platforms.KindAuth, Message: msg, Fix: c.tokenFix}
	}
	return &platforms.Error{Kind: platforms.KindPermanent, Message: msg}
}

// serverKind is what a Meta-side failure means: a read can simply be tried
// again, a write may have been applied.
func (c *Client) serverKind(write bool) platforms.Kind {
	if write {
		return platforms.KindAmbiguous
	}
	return platforms.KindTransient
}

// fromAPIError classifies a Graph error object.
func (c *Client) fromAPIError(status int, h http.Header, e APIError, write bool) error {
	out := &platforms.Error{
		Message: c.Redact(e.text()),
		Err:     &CodeError{Code: e.Code, Subcode: e.Subcode, FBTraceID: c.Redact(e.FBTraceID)},
	}
	switch {
	case isThrottle(e.Code):
		out.Kind, out.RetryAt = platforms.KindRateLimited, c.throttled(h, e.Code)
	case isTokenError(e.Code):
		out.Kind, out.Fix = platforms.KindAuth, c.tokenFix
	case isWindowError(e):
		out.Kind = platforms.KindPermanent
		out.Fix = "the person has not written within the messaging window; wait for them to write again"
	case e.Code == 10 || e.Code == 3 || (e.Code >= 200 && e.Code <= 299):
		perm := missingPermission(e.Message)
		if perm == "" {
			perm = "required"
		}
		out.Kind, out.Fix = platforms.KindAuth, fmt.Sprintf(c.permFix, perm)
	case e.Code == 368:
		out.Kind = platforms.KindPermanent
		out.Fix = "Meta blocked this action as abusive; review the account's quality in Meta Business Suite"
	case e.Code == 131047:
		out.Kind = platforms.KindPermanent
		out.Fix = "more than 24 hours since the citizen's last message: only an approved template can be sent"
	case e.IsTransient, e.Code == 1, e.Code == 2, status >= 500:
		out.Kind = c.serverKind(write)
	case status == http.StatusUnauthorized:
		out.Kind, out.Fix = platforms.KindAuth, c.tokenFix
	default:
		out.Kind = platforms.KindPermanent
	}
	return out
}

// CodeOf returns the Graph error code behind err, if it came from Meta.
func CodeOf(err error) (int, bool) {
	var ce *CodeError
	if errors.As(err, &ce) {
		return ce.Code, true
	}
	return 0, false
}
