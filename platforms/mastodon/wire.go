package mastodon

import "time"

// The types below follow the Mastodon REST API entities
// (docs.joinmastodon.org/entities) and carry only the fields Sapa reads.
// Ids are strings: Mastodon's are numeric, other servers' (GoToSocial,
// Akkoma) are not, and compareIDs copes with both.

type notification struct {
	ID        string    `json:"id"`
	Type      string    `json:"type"`
	CreatedAt time.Time `json:"created_at"`
	Account   *account  `json:"account"`
	Status    *status   `json:"status"`
}

type status struct {
	ID                 string    `json:"id"`
	CreatedAt          time.Time `json:"created_at"`
	InReplyToID        string    `json:"in_reply_to_id"`
	InReplyToAccountID string    `json:"in_reply_to_account_id"`
	Visibility         string    `json:"visibility"` // public, unlisted, private, direct
	SpoilerText        string    `json:"spoiler_text"`
	Content            string    `json:"content"` // HTML
	URL                string    `json:"url"`
	Account            account   `json:"account"`
	Mentions           []mention `json:"mentions"`
}

type account struct {
	ID          string `json:"id"`
	Username    string `json:"username"`
	Acct        string `json:"acct"` // "user" on this instance, "user@domain" elsewhere
	DisplayName string `json:"display_name"`
	URL         string `json:"url"`
}

type mention struct {
	ID   string `json:"id"`
	Acct string `json:"acct"`
}

// statusContext is GET /api/v1/statuses/:id/context.
type statusContext struct {
	Ancestors   []status `json:"ancestors"`
	Descendants []status `json:"descendants"`
}

// instanceV2 is the part of GET /api/v2/instance (and, for older servers,
// /api/v1/instance with Pleroma's max_toot_chars) that sets the reply limit.
type instanceV2 struct {
	Configuration struct {
		Statuses struct {
			MaxCharacters int `json:"max_characters"`
		} `json:"statuses"`
	} `json:"configuration"`
	MaxTootChars int `json:"max_toot_chars"`
}

// notificationPolicy is GET /api/v2/notifications/policy (4.3+).
type notificationPolicy struct {
	ForNotFollowing    string `json:"for_not_following"`
	ForNotFollowers    string `json:"for_not_followers"`
	ForNewAccounts     string `json:"for_new_accounts"`
	ForPrivateMentions string `json:"for_private_mentions"`
	ForLimitedAccounts string `json:"for_limited_accounts"`
}

// apiError is Mastodon's error body.
type apiError struct {
	Error       string `json:"error"`
	Description string `json:"error_description"`
}

// postStatus is the JSON body of POST /api/v1/statuses.
type postStatus struct {
	Status      string `json:"status"`
	InReplyToID string `json:"in_reply_to_id,omitempty"`
	Visibility  string `json:"visibility"`
}
