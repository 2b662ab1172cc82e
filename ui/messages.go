package ui

import (
	"time"

	"sapa/inbox"
)

// Intents: what a pane asks the root to do. The root turns them into state
// changes and commands; panes never touch the store.

// openIntent asks to open a conversation.
type openIntent struct{ conv inbox.Conversation }

// backIntent asks to leave the conversation for the list.
type backIntent struct{}

// replyIntent asks to focus the composer.
type replyIntent struct{}

// draftChangedIntent says the composer's text changed; the root saves it
// with the next batch.
type draftChangedIntent struct {
	convID int64
}

// sendIntent asks to send the composer's text.
type sendIntent struct {
	convID int64
	text   string
}

// editorIntent asks to edit the composer's text in $EDITOR.
type editorIntent struct {
	convID int64
	text   string
}

// closeComposerIntent asks to leave the composer, keeping its text as a draft.
type closeComposerIntent struct{}

// discardIntent asks to discard the composer's draft (after a y/n).
type discardIntent struct{}

// cannedIntent asks which ready reply to insert.
type cannedIntent struct{}

// ShutdownMsg asks the UI to quit as soon as the draft being typed is in the
// store. main sends it (tea.Program.Send) on SIGHUP, SIGTERM or SIGINT, so a
// dropped SSH link or a stopped service loses not even the last keystrokes.
type ShutdownMsg struct{}

// shutdownNowMsg ends the grace after a ShutdownMsg.
type shutdownNowMsg struct{}

// Results: what a command brings back.

// baselineMsg carries the change counter and the kept screen read at start.
type baselineMsg struct {
	counter uint64
	screen  inbox.Screen
	resume  bool  // a screen was kept
	err     error // reading the kept screen failed
}

// changedMsg says the store changed (or the relay's lease ran out).
type changedMsg struct{ counter uint64 }

// draftTickMsg ends a batch of typing: the draft is saved as it stands.
type draftTickMsg struct{}

// convLoadedMsg is an opened or reloaded conversation.
type convLoadedMsg struct {
	conv   inbox.Conversation
	msgs   []inbox.Message
	trail  inbox.Trail
	caps   inbox.Capabilities
	draft  inbox.Draft
	opened bool // first load: the draft goes into the composer
	err    error
}

// statusLoadedMsg is the data of the status bar.
type statusLoadedMsg struct {
	holder   string
	expires  time.Time
	accounts []inbox.AccountInfo
	counts   map[inbox.Delivery]int
	// relay is this process's relay's own state, with the channel closed at
	// its next change; nil when the relay runs elsewhere.
	relay        *inbox.RelayState
	relayChanged <-chan struct{}
	err          error
}

// relayChangedMsg says this process's relay's lease state changed.
type relayChangedMsg struct{}

// draftSavedMsg says a draft write finished.
type draftSavedMsg struct {
	convID int64
	text   string
	err    error
}

// sentMsg is the outcome of queueing a reply.
type sentMsg struct {
	convID   int64
	text     string
	outboxID int64
	err      error
}

// appliedMsg is the outcome of a triage action.
type appliedMsg struct {
	conv inbox.Conversation
	done string // status-bar text on success
	err  error
}

// outboxDoneMsg is the outcome of :resend or :cancel.
type outboxDoneMsg struct {
	done string
	err  error
}

// editorFileMsg says the temp file for $EDITOR is ready.
type editorFileMsg struct {
	convID int64
	path   string
	err    error
}

// editorDoneMsg carries the text back from $EDITOR.
type editorDoneMsg struct {
	convID int64
	text   string
	err    error
}

// errMsg reports a failed background command.
type errMsg struct{ err error }

// counterRestMsg: typing rested after the key numbered gen; the composer's
// length counter catches up.
type counterRestMsg struct{ gen int }
