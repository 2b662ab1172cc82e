package mastodon

import (
	"context"
	"fmt"
	"net/http"
	"net/url"

	"sapa/platforms"
)

// Check implements platforms.Checker for `sapa doctor`: the instance answers,
// the token is accepted, notifications are readable, and the account's
// notification policy does not drop what citizens send.
func (c *Connector) Check(ctx context.Context) []platforms.Finding {
	var out []platforms.Finding
	var me account
	if _, err := c.do(ctx, request{method: http.MethodGet, path: "/api/v1/accounts/verify_credentials", bucket: &c.reads}, &me); err != nil {
		return append(out, c.failed("token accepted by "+c.base+" (verify_credentials)", err))
	}
	c.mu.Lock()
	c.meID, c.meAcct = me.ID, me.Acct
	c.mu.Unlock()
	out = append(out, platforms.Finding{Check: "token accepted: @" + me.Acct, OK: true})

	if n, err := c.instanceMaxChars(ctx); err != nil || n <= 0 {
		out = append(out, platforms.Finding{
			Check: "instance status length readable (/api/v2/instance)",
			Fix:   fmt.Sprintf("Replies are held to %d characters until the instance answers; check base_url.", defaultMaxChars),
		})
	} else {
		c.mu.Lock()
		c.maxChars, c.instance = n, true
		c.mu.Unlock()
		out = append(out, platforms.Finding{Check: fmt.Sprintf("instance allows %d characters per reply", n), OK: true})
	}

	q := url.Values{"types[]": {"mention"}, "limit": {"1"}}
	if _, err := c.do(ctx, request{method: http.MethodGet, path: "/api/v1/notifications", query: q, bucket: &c.reads}, nil); err != nil {
		out = append(out, c.failed("mention notifications readable (read:notifications)", err))
	} else {
		out = append(out, platforms.Finding{Check: "mention notifications readable", OK: true})
	}

	var pol notificationPolicy
	if _, err := c.do(ctx, request{method: http.MethodGet, path: "/api/v2/notifications/policy", bucket: &c.reads}, &pol); err == nil {
		// "filter" is fine: Sapa asks with include_filtered. "drop" means the
		// notification is never created, so Sapa never sees the message.
		for _, p := range []struct{ name, value string }{
			{"private mentions", pol.ForPrivateMentions},
			{"people you don't follow", pol.ForNotFollowing},
			{"people not following you", pol.ForNotFollowers},
			{"new accounts", pol.ForNewAccounts},
		} {
			if p.value == "drop" {
				out = append(out, platforms.Finding{
					Check: "notifications from " + p.name + " are kept",
					Fix:   "The account's notification policy drops them: in Mastodon's notification settings set \"" + p.name + "\" to accept or filter.",
				})
			}
		}
	}
	return out
}

// failed turns an error into a finding with the error's own fix.
func (c *Connector) failed(check string, err error) platforms.Finding {
	f := platforms.Finding{Check: check + ": " + c.redact(err.Error())}
	if pe, ok := err.(*platforms.Error); ok && pe.Fix != "" {
		f.Fix = pe.Fix
		return f
	}
	switch platforms.KindOf(err) {
	case platforms.KindTransient, platforms.KindAmbiguous:
		f.Fix = "The instance is not reachable from this server: check base_url, the network, DNS or a proxy."
	default:
		f.Fix = "See the message above; base_url must be the instance's address, e.g. https://mastodon.social."
	}
	return f
}
