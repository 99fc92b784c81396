package notify

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// The headers of a webhook delivery.
const (
	// HeaderSignature carries "sha256=" and the hex HMAC-SHA256 of the request body, keyed
	// with the webhook's secret. Receivers compare it in constant time before trusting the body.
	HeaderSignature = "X-Kitacert-Signature"
	// HeaderDelivery carries the notification id; a retried delivery repeats it, so that
	// receivers can drop duplicates.
	HeaderDelivery = "X-Kitacert-Delivery"
)

// WebhookPayload is the JSON body a webhook receives.
type WebhookPayload struct {
	ID       string          `json:"id"`       // the notification id (also in X-Kitacert-Delivery)
	Reminder string          `json:"reminder"` // e.g. "seal.3_months"
	Subject  string          `json:"subject"`
	Text     string          `json:"text"`
	Data     json.RawMessage `json:"data"` // the notification's payload as stored (see Payload)
}

// WebhookSender POSTs notifications as signed JSON to one URL. 2xx is success; 5xx, 408,
// 429 and network errors are temporary; other 4xx and redirects (3xx, not followed: the
// signature is for the configured URL) are permanent. It is safe for concurrent use.
type WebhookSender struct {
	url    string
	secret []byte
	client *http.Client
}

// NewWebhookSender returns a sender to rawURL (http or https) signing with secret, which
// must not be empty, over client, which must have a timeout (kitacert's config passes
// one); redirects are never followed whichever client is given.
func NewWebhookSender(rawURL string, secret []byte, client *http.Client) (*WebhookSender, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // the URL may hold a token: do not repeat it
		}
		return nil, fmt.Errorf("webhook URL is not a valid URL: %v", err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("webhook URL wants http:// or https://, got scheme %q", u.Scheme)
	}
	if u.Host == "" {
		return nil, errors.New("webhook URL has no host")
	}
	if len(secret) == 0 {
		return nil, errors.New("webhook secret is empty: the receiver could not tell kitacert's requests from forged ones")
	}
	if client == nil || client.Timeout <= 0 {
		return nil, errors.New("webhook client: want an http.Client with a timeout > 0")
	}
	c := *client
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &WebhookSender{url: u.String(), secret: bytes.Clone(secret), client: &c}, nil
}

// Sign returns the X-Kitacert-Signature value of body under secret: "sha256=<hex>".
func Sign(secret, body []byte) string {
	mac := hmac.New(sha256.New, secret)
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// VerifySignature reports whether header is the signature of body under secret, in
// constant time. Receivers (and tests) use it.
func VerifySignature(secret, body []byte, header string) bool {
	return hmac.Equal([]byte(Sign(secret, body)), []byte(header))
}

// Send POSTs m as a WebhookPayload.
func (s *WebhookSender) Send(ctx context.Context, m Message) error {
	data := json.RawMessage("{}")
	if m.Payload != nil {
		b, err := json.Marshal(m.Payload)
		if err != nil {
			return &SendError{Temporary: false, Reply: "payload is not JSON: " + err.Error(), Err: err}
		}
		data = b
	}
	body, err := json.Marshal(WebhookPayload{ID: m.NotificationID, Reminder: string(m.Reminder), Subject: m.Subject, Text: m.Text, Data: data})
	if err != nil {
		return &SendError{Temporary: false, Reply: "payload is not JSON: " + err.Error(), Err: err}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.url, bytes.NewReader(body))
	if err != nil {
		return &SendError{Temporary: false, Reply: "cannot build request", Err: err}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "kitacert-webhook")
	req.Header.Set(HeaderSignature, Sign(s.secret, body))
	req.Header.Set(HeaderDelivery, m.NotificationID)
	resp, err := s.client.Do(req)
	if err != nil {
		return classifyHTTP(ctx, err)
	}
	defer func() { _ = resp.Body.Close() }()
	snippet, _ := io.ReadAll(io.LimitReader(resp.Body, 300))
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20)) // lets the connection be reused
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		return nil
	}
	reply := "HTTP " + resp.Status
	if t := strings.Join(strings.Fields(string(snippet)), " "); t != "" {
		reply += ": " + t
	}
	temporary := resp.StatusCode >= 500 || resp.StatusCode == http.StatusRequestTimeout ||
		resp.StatusCode == http.StatusTooManyRequests
	return &SendError{Temporary: temporary, Reply: reply, Code: strconv.Itoa(resp.StatusCode), Err: fmt.Errorf("webhook answered %d", resp.StatusCode)}
}

// classifyHTTP describes a request that got no answer; all such failures are temporary.
// The URL (which may carry a token) is left out of the reply.
func classifyHTTP(ctx context.Context, err error) *SendError {
	reply := "webhook request failed"
	var ue *url.Error
	inner := err
	if errors.As(err, &ue) {
		inner = ue.Err
	}
	switch {
	case ctx.Err() != nil:
		reply = "webhook request aborted: " + ctx.Err().Error()
	case isTimeout(err):
		reply = "webhook request timed out"
	default:
		reply += ": " + inner.Error()
	}
	return &SendError{Temporary: true, Reply: reply, Err: inner}
}

var _ Sender = (*WebhookSender)(nil)
