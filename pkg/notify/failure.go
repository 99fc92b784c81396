package notify

import (
	"errors"
	"strings"
)

// The German openings of last_error, for the people who read it; the kind of a failure is
// stored apart from the text (Failure.Kind), never read back from it.
const (
	permanentPrefix = "Dauerhafter Zustellfehler"
	temporaryPrefix = "Vorübergehender Zustellfehler"
	renderPrefix    = "Nachricht nicht darstellbar"
)

// FailureKind says what kind of failure a notification's last delivery attempt was (the
// API's error_kind).
type FailureKind string

// The kinds of failure.
const (
	FailurePermanent FailureKind = "permanent" // the server refused the message: fix the address, then retry
	FailureTemporary FailureKind = "temporary" // worth another try; retried with backoff
	FailureRender    FailureKind = "render"    // a template could not render this notification
)

// Failure is a failed delivery as the outbox records it: the kind and the server's reply
// code in columns of their own (failure_kind, reply_code), and the German text for the
// people who read it (last_error).
type Failure struct {
	Kind FailureKind // "" for none
	Code string      // the server's reply code ("550", "503"); "" when it has none
	Text string      // German, with the server's reply as it came
}

// Failure returns the failure the notification's row records (zero for none).
func (n Notification) Failure() Failure {
	return Failure{Kind: n.FailureKind, Code: n.ReplyCode, Text: n.LastError}
}

// kitacertReplies translates what kitacert itself writes into a reply (not what a server
// answered) into German.
var kitacertReplies = strings.NewReplacer(
	"not sent: ", "nicht gesendet: ",
	": aborted: ", ": abgebrochen: ",
	": timeout", ": keine Antwort (Zeitüberschreitung)",
	": connection refused", ": Verbindung abgelehnt",
	"webhook request aborted: ", "Webhook-Aufruf abgebrochen: ",
	"webhook request timed out", "Webhook-Aufruf ohne Antwort (Zeitüberschreitung)",
	"webhook request failed", "Webhook-Aufruf fehlgeschlagen",
)

func germanReply(reply string) string { return kitacertReplies.Replace(reply) }

// renderFailure is the failure of a notification whose template does not render.
func renderFailure(err error) Failure {
	return Failure{Kind: FailureRender, Text: truncate(renderPrefix + ": " + err.Error())}
}

// sendFailure is the failure of a send: a *SendError gives its kind and reply code; any
// other error (a sender that does not classify, a panic) is temporary, as IsTemporary says.
func sendFailure(err error) Failure {
	var se *SendError
	if errors.As(err, &se) {
		return Failure{Kind: se.Kind(), Code: se.Code, Text: truncate(err.Error())}
	}
	return Failure{Kind: FailureTemporary, Text: truncate(err.Error())}
}
