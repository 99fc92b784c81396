package notify

import "strings"

// The German openings of last_error; FailureOf recognises them.
const (
	permanentPrefix = "Dauerhafter Zustellfehler"
	temporaryPrefix = "Vorübergehender Zustellfehler"
	renderPrefix    = "Nachricht nicht darstellbar"
)

// The kinds of failure FailureOf returns (the API's error_kind).
const (
	FailurePermanent = "permanent" // the server refused the message: fix the address, then retry
	FailureTemporary = "temporary" // worth another try; retried with backoff
	FailureRender    = "render"    // a template could not render this notification
)

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

// renderFailure is last_error for a notification whose template does not render.
func renderFailure(err error) string { return renderPrefix + ": " + err.Error() }

// FailureOf reads a last_error written by the worker back into its kind (FailurePermanent,
// FailureTemporary, FailureRender, or "" for none or an unknown text) and the reply code
// of the server ("550"; "" when the failure has none).
func FailureOf(lastError string) (kind, code string) {
	for prefix, k := range map[string]string{permanentPrefix: FailurePermanent, temporaryPrefix: FailureTemporary, renderPrefix: FailureRender} {
		if rest, ok := strings.CutPrefix(lastError, prefix+": "); ok {
			if k == FailureRender {
				return k, ""
			}
			return k, codeOf(rest)
		}
	}
	return "", ""
}

// codeOf returns the numeric code a reply starts with ("451 …", "HTTP 503 …" give "451",
// "503"), or "".
func codeOf(reply string) string {
	r := strings.TrimPrefix(reply, "HTTP ")
	if len(r) >= 3 && r[0] >= '1' && r[0] <= '5' && r[1] >= '0' && r[1] <= '9' && r[2] >= '0' && r[2] <= '9' &&
		(len(r) == 3 || r[3] == ' ' || r[3] == '-') {
		return r[:3]
	}
	return ""
}
