package meta

import (
	"context"
	"net/url"
	"strings"

	"sapa/inbox"
	"sapa/platforms"
)

// CommentReply is a public reply to a Facebook or Instagram comment.
type CommentReply struct {
	Target    string // the comment answered; empty when there is none
	Edge      string // the target's edge that takes replies: "comments" or "replies"
	Typed     string // what the admin typed
	Text      string // what is posted: Typed, perhaps with a mention in front
	Kind      string // the comment kind for the length error: "a Facebook comment"
	MaxLength int    // in UTF-16 code units, as Graph counts
}

// ReplyToComment posts r (POST /{target}/{edge}?message=…) and returns the
// new comment's id. A reply that cannot be valid is refused before it is
// sent; an answer without an id is ambiguous, since the comment may exist.
func (c *Client) ReplyToComment(ctx context.Context, r CommentReply) (string, error) {
	if r.Target == "" {
		return "", platforms.Errorf(platforms.KindPermanent, "no comment to reply to")
	}
	if strings.TrimSpace(r.Typed) == "" {
		return "", platforms.Errorf(platforms.KindPermanent, "reply is empty")
	}
	if n := inbox.Length(inbox.CountUTF16, r.Text); n > r.MaxLength {
		return "", platforms.Errorf(platforms.KindPermanent, "reply is %d characters; %s takes at most %d", n, r.Kind, r.MaxLength)
	}
	var resp struct {
		ID string `json:"id"`
	}
	if err := c.Post(ctx, "/"+r.Target+"/"+r.Edge, url.Values{"message": {r.Text}}, &resp); err != nil {
		return "", err
	}
	if resp.ID == "" {
		return "", platforms.Errorf(platforms.KindAmbiguous, "Graph API answered without a comment id")
	}
	return resp.ID, nil
}

// SetHidden hides or shows a comment: POST /{comment-id}?{param}=true|false.
// Facebook names the parameter is_hidden and Instagram hide; platform names
// the platform in the error when Graph answers without success.
func (c *Client) SetHidden(ctx context.Context, externalID, param, platform string, hidden bool) error {
	if externalID == "" {
		return platforms.Errorf(platforms.KindPermanent, "no comment to hide")
	}
	v := "false"
	if hidden {
		v = "true"
	}
	var resp struct {
		Success bool `json:"success"`
	}
	if err := c.Post(ctx, "/"+externalID, url.Values{param: {v}}, &resp); err != nil {
		return err
	}
	if !resp.Success {
		return platforms.Errorf(platforms.KindPermanent, "%s did not change the comment's visibility", platform)
	}
	return nil
}
