package youtube

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"sapa/inbox"
)

// threadList is a commentThreads.list response. Items stay raw so that one
// broken item cannot spoil the page.
type threadList struct {
	Kind          string            `json:"kind"`
	NextPageToken string            `json:"nextPageToken"`
	Items         []json.RawMessage `json:"items"`
}

// commentThread is a youtube#commentThread resource.
type commentThread struct {
	ID      string `json:"id"`
	Snippet struct {
		ChannelID       string  `json:"channelId"`
		VideoID         string  `json:"videoId"`
		TopLevelComment comment `json:"topLevelComment"`
		CanReply        bool    `json:"canReply"`
		TotalReplyCount int     `json:"totalReplyCount"`
	} `json:"snippet"`
	Replies struct {
		Comments []json.RawMessage `json:"comments"`
	} `json:"replies"`
}

// comment is a youtube#comment resource.
type comment struct {
	ID      string `json:"id"`
	Snippet struct {
		AuthorDisplayName string `json:"authorDisplayName"`
		AuthorChannelURL  string `json:"authorChannelUrl"`
		AuthorChannelID   struct {
			Value string `json:"value"`
		} `json:"authorChannelId"`
		ChannelID        string `json:"channelId"`
		VideoID          string `json:"videoId"`
		TextDisplay      string `json:"textDisplay"`
		TextOriginal     string `json:"textOriginal"`
		ParentID         string `json:"parentId"`
		ModerationStatus string `json:"moderationStatus"`
		PublishedAt      string `json:"publishedAt"`
	} `json:"snippet"`
}

// text is the comment as the citizen wrote it: textOriginal when YouTube
// gives it, else the plain-text rendering (we ask for textFormat=plainText).
func (cm comment) text() string {
	if cm.Snippet.TextOriginal != "" {
		return cm.Snippet.TextOriginal
	}
	return cm.Snippet.TextDisplay
}

func (cm comment) published() (time.Time, error) {
	if cm.ID == "" {
		return time.Time{}, errors.New("comment without id")
	}
	t, err := time.Parse(time.RFC3339, cm.Snippet.PublishedAt)
	if err != nil {
		return time.Time{}, fmt.Errorf("comment %s: publishedAt %q: %w", cm.ID, cm.Snippet.PublishedAt, err)
	}
	return t, nil
}

// hiddenStatus reports whether a moderation status keeps a comment from the
// public: held for review, likely spam, or rejected.
func hiddenStatus(s string) bool {
	return s == "heldForReview" || s == "likelySpam" || s == "rejected"
}

// commentList is a comments.list response.
type commentList struct {
	NextPageToken string            `json:"nextPageToken"`
	Items         []json.RawMessage `json:"items"`
}

// videoList is a videos.list response with part=snippet.
type videoList struct {
	Items []struct {
		ID      string `json:"id"`
		Snippet struct {
			Title       string `json:"title"`
			Description string `json:"description"`
		} `json:"snippet"`
	} `json:"items"`
}

// channelList is a channels.list response with part=id,snippet.
type channelList struct {
	Items []struct {
		ID      string `json:"id"`
		Snippet struct {
			Title     string `json:"title"`
			CustomURL string `json:"customUrl"`
		} `json:"snippet"`
	} `json:"items"`
}

// insertRequest is the body of comments.insert for a reply.
type insertRequest struct {
	Snippet insertSnippet `json:"snippet"`
}

type insertSnippet struct {
	ParentID     string `json:"parentId"`
	TextOriginal string `json:"textOriginal"`
}

// HeldTitlePrefix marks, in the thread title, a thread fetched from the
// held-for-review queue: inbox.Message has no moderation field, so the list
// shows it here and Message.Hidden carries it for the store.
const HeldTitlePrefix = "[held for review] "

// contextChars bounds the video description shown above a thread.
const contextChars = 500

// threadOf builds the inbox thread for a comment thread: the video title and
// link, with the first part of its description as context.
func (c *Connector) threadOf(th commentThread, held bool) inbox.Thread {
	t := inbox.Thread{ExternalKey: th.ID, Kind: inbox.KindComment}
	if id := th.Snippet.VideoID; id != "" {
		t.ContextURL = "https://www.youtube.com/watch?v=" + id
		c.mu.Lock()
		v := c.videos[id]
		c.mu.Unlock()
		t.Title = v.title
		t.ContextText = cut(v.description, contextChars)
	} else if th.Snippet.ChannelID != "" {
		t.ContextURL = "https://www.youtube.com/channel/" + th.Snippet.ChannelID
	}
	if held {
		t.Title = HeldTitlePrefix + t.Title
	}
	return t
}

// messageOf maps one comment; parent is the top-level comment for replies.
func (c *Connector) messageOf(cm comment, parent string, at time.Time, hidden bool) inbox.Message {
	dir := inbox.In
	if cm.Snippet.AuthorChannelID.Value == c.channel {
		dir = inbox.Out
	}
	name := cm.Snippet.AuthorDisplayName
	author := inbox.Contact{ExternalID: cm.Snippet.AuthorChannelID.Value, Name: name}
	if strings.HasPrefix(name, "@") {
		author.Handle = name // YouTube now shows handles as display names
	}
	return inbox.Message{
		ExternalID: cm.ID,
		ParentID:   parent,
		Direction:  dir,
		Author:     author,
		Text:       cm.text(),
		SentAt:     at,
		Hidden:     hidden || hiddenStatus(cm.Snippet.ModerationStatus),
	}
}

// topLevelID is the id of the top-level comment a reply must go under:
// YouTube nests one level, and reply ids are "<top-level id>.<suffix>".
func topLevelID(r inbox.Reply) string {
	if r.Thread.ExternalKey != "" {
		return r.Thread.ExternalKey // a thread's id is its top-level comment's id
	}
	id, _, _ := strings.Cut(r.InReplyTo, ".")
	return id
}

func cut(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
