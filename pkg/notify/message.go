package notify

import (
	"context"
	"errors"
)

// Message is a rendered notification, ready for a channel.
type Message struct {
	NotificationID string
	MessageID      string // e.g. "<0192…@kitacert>", derived from the notification id: resends keep it
	To             string // e-mail address (or webhook name)
	ToName         string
	Subject        string // German
	Text           string // plain text, German
	HTML           string // HTML, German
	Reminder       Reminder
	Payload        Payload // the notification's payload (the webhook sends it as data)
}

// Renderer turns a notification into a message (German templates; see templates.go).
type Renderer interface {
	Render(n Notification) (Message, error)
}

// Sender delivers a message over one channel.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// SendError classifies a failed delivery. Temporary errors (4xx replies, timeouts, refused
// connections) are retried with backoff; permanent ones (5xx) fail at once.
type SendError struct {
	Temporary bool
	// Unreachable says that the server did not answer in time or could not be reached (no
	// reply at all): the next message to it would fare no better just now.
	Unreachable bool
	Reply       string // the server's reply, kept for the operator
	// Code is the server's reply code as the protocol gave it: the SMTP reply code
	// ("550") or the HTTP status ("503"); "" when the server did not answer.
	Code string
	Err  error
}

// Kind is FailureTemporary or FailurePermanent.
func (e *SendError) Kind() FailureKind {
	if e.Temporary {
		return FailureTemporary
	}
	return FailurePermanent
}

// Error is what the outbox keeps in last_error and coordinators read: German, with the
// server's reply as it came. The kind and the code are stored apart (Failure).
func (e *SendError) Error() string {
	prefix := permanentPrefix
	if e.Temporary {
		prefix = temporaryPrefix
	}
	return prefix + ": " + germanReply(e.Reply)
}

// Unwrap returns the underlying error.
func (e *SendError) Unwrap() error { return e.Err }

// IsTemporary reports whether err is worth retrying; errors without classification are.
func IsTemporary(err error) bool {
	var se *SendError
	if errors.As(err, &se) {
		return se.Temporary
	}
	return true
}
