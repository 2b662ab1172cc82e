package telegram

import "encoding/json"

// The types below follow the Bot API (core.telegram.org/bots/api) and carry
// only the fields Sapa reads. Identifiers that "may have more than 32
// significant bits" are int64.

// envelope is every Bot API response: {"ok":true,"result":…} or
// {"ok":false,"error_code":…,"description":…,"parameters":{…}}.
type envelope struct {
	OK          bool            `json:"ok"`
	Result      json.RawMessage `json:"result"`
	ErrorCode   int             `json:"error_code"`
	Description string          `json:"description"`
	Parameters  *struct {
		RetryAfter      int   `json:"retry_after"`
		MigrateToChatID int64 `json:"migrate_to_chat_id"`
	} `json:"parameters"`
}

// update is one Update; Sapa asks only for message and edited_message.
type update struct {
	UpdateID      int64    `json:"update_id"`
	Message       *message `json:"message"`
	EditedMessage *message `json:"edited_message"`
}

type message struct {
	MessageID       int64      `json:"message_id"`
	MessageThreadID int64      `json:"message_thread_id"`
	From            *user      `json:"from"`
	SenderChat      *chat      `json:"sender_chat"`
	Date            int64      `json:"date"`
	EditDate        int64      `json:"edit_date"`
	Chat            chat       `json:"chat"`
	ReplyToMessage  *message   `json:"reply_to_message"`
	Text            string     `json:"text"`
	Entities        []entity   `json:"entities"`
	Caption         string     `json:"caption"`
	CaptionEntities []entity   `json:"caption_entities"`
	Photo           []struct{} `json:"photo"`
	Sticker         *struct {
		Emoji string `json:"emoji"`
	} `json:"sticker"`
	Video     *struct{} `json:"video"`
	VideoNote *struct{} `json:"video_note"`
	Voice     *struct{} `json:"voice"`
	Audio     *struct{} `json:"audio"`
	Document  *struct{} `json:"document"`
	Animation *struct{} `json:"animation"`
	Location  *struct {
		Latitude  float64 `json:"latitude"`
		Longitude float64 `json:"longitude"`
	} `json:"location"`
	Contact *struct {
		PhoneNumber string `json:"phone_number"`
		FirstName   string `json:"first_name"`
	} `json:"contact"`
	Poll *struct {
		Question string `json:"question"`
	} `json:"poll"`
}

type user struct {
	ID        int64  `json:"id"`
	IsBot     bool   `json:"is_bot"`
	FirstName string `json:"first_name"`
	LastName  string `json:"last_name"`
	Username  string `json:"username"`
}

type chat struct {
	ID        int64  `json:"id"`
	Type      string `json:"type"` // private, group, supergroup, channel
	Title     string `json:"title"`
	Username  string `json:"username"`
	FirstName string `json:"first_name"`
	LastName  string `json:"last_name"`
}

// entity is a MessageEntity; Offset and Length count UTF-16 code units.
type entity struct {
	Type   string `json:"type"`
	Offset int    `json:"offset"`
	Length int    `json:"length"`
	User   *user  `json:"user"`
}

// webhookInfo is the part of WebhookInfo that `sapa doctor` looks at.
type webhookInfo struct {
	URL                string   `json:"url"`
	PendingUpdateCount int      `json:"pending_update_count"`
	LastErrorDate      int64    `json:"last_error_date"`
	LastErrorMessage   string   `json:"last_error_message"`
	AllowedUpdates     []string `json:"allowed_updates"`
}

// getUpdatesParams is the JSON body of getUpdates.
type getUpdatesParams struct {
	Offset         int64    `json:"offset,omitempty"`
	Limit          int      `json:"limit"`
	Timeout        int      `json:"timeout"`
	AllowedUpdates []string `json:"allowed_updates"`
}

// sendMessageParams is the JSON body of sendMessage.
type sendMessageParams struct {
	ChatID          int64            `json:"chat_id"`
	Text            string           `json:"text"`
	ReplyParameters *replyParameters `json:"reply_parameters,omitempty"`
}

type replyParameters struct {
	MessageID int64 `json:"message_id"`
	// AllowSendingWithoutReply is sent as false explicitly: an answer that
	// loses its parent would be out of context in a group.
	AllowSendingWithoutReply bool `json:"allow_sending_without_reply"`
}
