package x

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"sapa/inbox"
)

// tweet is the subset of X's Tweet object Sapa reads.
type tweet struct {
	ID               string     `json:"id"`
	Text             string     `json:"text"`
	AuthorID         string     `json:"author_id"`
	ConversationID   string     `json:"conversation_id"`
	CreatedAt        string     `json:"created_at"`
	InReplyToUserID  string     `json:"in_reply_to_user_id"`
	ReferencedTweets []refTweet `json:"referenced_tweets"`
	NoteTweet        *struct {
		Text string `json:"text"`
	} `json:"note_tweet"`
}

type refTweet struct {
	Type string `json:"type"` // replied_to, quoted, retweeted
	ID   string `json:"id"`
}

// user is the subset of X's User object Sapa reads.
type user struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Username string `json:"username"`
}

// timelinePage is a page of GET /2/users/:id/mentions or /tweets. Items stay
// raw so that one broken item cannot spoil the page.
type timelinePage struct {
	Data     []json.RawMessage `json:"data"`
	Includes struct {
		Users  []json.RawMessage `json:"users"`
		Tweets []json.RawMessage `json:"tweets"`
	} `json:"includes"`
	Errors []json.RawMessage `json:"errors"`
	Meta   struct {
		NewestID    string `json:"newest_id"`
		OldestID    string `json:"oldest_id"`
		NextToken   string `json:"next_token"`
		ResultCount int    `json:"result_count"`
	} `json:"meta"`
}

// Fields asked of the timeline endpoints: what conversion needs, no more.
const (
	tweetFields = "conversation_id,created_at,in_reply_to_user_id,referenced_tweets,author_id,note_tweet"
	expansions  = "author_id,referenced_tweets.id"
	userFields  = "username,name"
)

// unescape undoes the HTML escaping X applies to tweet text (&, < and > come
// as &amp; &lt; &gt;), so the stored text is what the citizen typed. A single
// pass keeps a typed "&lt;" (sent as "&amp;lt;") intact.
var unescape = strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">")

// fullText is the whole text of a tweet: long posts carry it in note_tweet,
// with a truncated copy in text.
func (t tweet) fullText() string {
	if t.NoteTweet != nil && t.NoteTweet.Text != "" {
		return unescape.Replace(t.NoteTweet.Text)
	}
	return unescape.Replace(t.Text)
}

// repliedTo is the id of the tweet this one answers, if any.
func (t tweet) repliedTo() string {
	for _, r := range t.ReferencedTweets {
		if r.Type == "replied_to" {
			return r.ID
		}
	}
	return ""
}

// validID reports whether s looks like X's TweetId/UserId (1–19 digits).
func validID(s string) bool {
	return s != "" && len(s) <= 19 && strings.Trim(s, "0123456789") == ""
}

// newerID reports whether tweet id a is newer than b. Ids are decimal
// snowflakes of up to 19 digits: longer is newer, then compare as text.
func newerID(a, b string) bool {
	if len(a) != len(b) {
		return len(a) > len(b)
	}
	return a > b
}

func parseTime(s string) (time.Time, error) {
	return time.Parse(time.RFC3339, s) // fractional seconds are accepted too
}

// page is a decoded timeline page: good tweets in order, the lookups they
// need, and the ids X reported partial errors for.
type page struct {
	tweets []tweet
	users  map[string]user
	refs   map[string]tweet
	skip   map[string]string // tweet id → X's problem text
	bad    int               // items that could not be decoded
	allIDs []string          // every well-formed id in data, good or not
	newest string
	next   string
}

// decodePage parses a timeline body. Only a body that is not the documented
// envelope is an error; broken items are counted and left out.
func decodePage(body []byte) (*page, error) {
	var tp timelinePage
	if err := json.Unmarshal(body, &tp); err != nil {
		return nil, err
	}
	p := &page{users: map[string]user{}, refs: map[string]tweet{}, skip: map[string]string{},
		newest: tp.Meta.NewestID, next: tp.Meta.NextToken}
	probs := map[string]string{}
	for _, raw := range tp.Errors {
		var pr problem
		if json.Unmarshal(raw, &pr) != nil {
			continue
		}
		// A problem naming a tweet in data (deleted, withheld, not
		// authorised) means that item is unusable; one about includes
		// only loses us some context.
		if pr.ResourceID != "" && pr.Section != "includes" {
			probs[pr.ResourceID] = pr.message()
		}
	}
	for _, raw := range tp.Includes.Users {
		var u user
		if json.Unmarshal(raw, &u) == nil && u.ID != "" {
			p.users[u.ID] = u
		}
	}
	for _, raw := range tp.Includes.Tweets {
		var t tweet
		if json.Unmarshal(raw, &t) == nil && validID(t.ID) {
			p.refs[t.ID] = t
		}
	}
	for _, raw := range tp.Data {
		var t tweet
		if err := json.Unmarshal(raw, &t); err != nil || !validID(t.ID) {
			p.bad++
			continue
		}
		p.allIDs = append(p.allIDs, t.ID)
		if why, bad := probs[t.ID]; bad {
			p.skip[t.ID] = why
			continue
		}
		p.tweets = append(p.tweets, t)
	}
	return p, nil
}

// toInbound maps a mention onto Sapa's shapes. Conversations are keyed by
// conversation_id so every reply in one X thread lands in one inbox thread.
func (p *page) toInbound(t tweet, me string) (inbox.Inbound, error) {
	if !validID(t.AuthorID) {
		return inbox.Inbound{}, errors.New("author_id missing")
	}
	at, err := parseTime(t.CreatedAt)
	if err != nil {
		return inbox.Inbound{}, fmt.Errorf("created_at %q: %w", t.CreatedAt, err)
	}
	conv := t.ConversationID
	if !validID(conv) {
		conv = t.ID
	}
	th := inbox.Thread{
		ExternalKey: conv,
		Kind:        inbox.KindMention,
		ContextURL:  "https://x.com/i/web/status/" + conv,
	}
	parent := t.repliedTo()
	if ref, ok := p.refs[parent]; ok && ref.AuthorID == me {
		// The citizen answered one of the office's posts: show it.
		th.ContextText = ref.fullText()
	}
	author := inbox.Contact{ExternalID: t.AuthorID}
	if u, ok := p.users[t.AuthorID]; ok {
		author.Name = u.Name
		if u.Username != "" {
			author.Handle = "@" + u.Username
		}
	}
	dir := inbox.In
	if t.AuthorID == me {
		dir = inbox.Out
	}
	return inbox.Inbound{
		Thread: th,
		Message: inbox.Message{
			ExternalID: t.ID,
			ParentID:   parent,
			Direction:  dir,
			Author:     author,
			Text:       t.fullText(),
			SentAt:     at,
		},
	}, nil
}

// createRequest is the body of POST /2/tweets for a reply.
type createRequest struct {
	Text  string    `json:"text"`
	Reply replyInfo `json:"reply"`
}

type replyInfo struct {
	InReplyToTweetID string `json:"in_reply_to_tweet_id"`
}

// createResponse is X's answer to POST /2/tweets.
type createResponse struct {
	Data struct {
		ID   string `json:"id"`
		Text string `json:"text"`
	} `json:"data"`
	Errors []problem `json:"errors"`
}

// meResponse is X's answer to GET /2/users/me.
type meResponse struct {
	Data   user      `json:"data"`
	Errors []problem `json:"errors"`
}
