package notify_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/cert"
	"github.com/kitacert/kitacert/pkg/notify"
)

var webhookSecret = []byte("geheimes-webhook-secret")

// webhookReceiver is an httptest server that checks each request's signature the way a
// receiver would and answers with the next status from its list (then 204).
type webhookReceiver struct {
	*httptest.Server
	mu       sync.Mutex
	statuses []int
	got      []webhookRequest
}

type webhookRequest struct {
	header   http.Header
	body     []byte
	payload  notify.WebhookPayload
	validMAC bool
}

func newWebhookReceiver(t *testing.T, statuses ...int) *webhookReceiver {
	t.Helper()
	r := &webhookReceiver{statuses: statuses}
	r.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		mac := hmac.New(sha256.New, webhookSecret)
		mac.Write(body)
		want := "sha256=" + hex.EncodeToString(mac.Sum(nil))
		wr := webhookRequest{header: req.Header.Clone(), body: body,
			validMAC: req.Method == http.MethodPost && hmac.Equal([]byte(want), []byte(req.Header.Get(notify.HeaderSignature)))}
		_ = json.Unmarshal(body, &wr.payload)
		r.mu.Lock()
		r.got = append(r.got, wr)
		status := http.StatusNoContent
		if len(r.statuses) > 0 {
			status, r.statuses = r.statuses[0], r.statuses[1:]
		}
		r.mu.Unlock()
		if !wr.validMAC {
			status = http.StatusUnauthorized
		}
		if status == http.StatusFound {
			w.Header().Set("Location", "/elsewhere")
		}
		w.WriteHeader(status)
		_, _ = io.WriteString(w, "Antwort des Empfängers\n")
	}))
	t.Cleanup(r.Close)
	return r
}

func (r *webhookReceiver) requests() []webhookRequest {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]webhookRequest(nil), r.got...)
}

func webhookMessage() notify.Message {
	return notify.Message{
		NotificationID: "0192f0c4-0000-7000-8000-000000000002",
		MessageID:      "<0192f0c4-0000-7000-8000-000000000002@kitacert>",
		To:             "jugendamt-system",
		Subject:        "Gütesiegel abgelaufen",
		Text:           "Das Gütesiegel ist am 31.07.2030 abgelaufen.",
		Reminder:       notify.SealExpired,
		Payload: notify.SealPayload{CenterFacts: notify.CenterFacts{CenterName: "Familienzentrum Sonnenschein",
			CenterID: uuid.MustParse("0192f0c4-0000-7000-8000-0000000000c1"), ValidUntil: cert.MustParseDate("2030-07-31"), DaysLeft: 0}},
	}
}

func TestWebhookSenderSignsAndPosts(t *testing.T) {
	recv := newWebhookReceiver(t)
	s, err := notify.NewWebhookSender(recv.URL+"/hooks/kitacert", webhookSecret, webhookClient())
	if err != nil {
		t.Fatal(err)
	}
	m := webhookMessage()
	if err := s.Send(context.Background(), m); err != nil {
		t.Fatalf("Send: %v", err)
	}
	reqs := recv.requests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests, want 1", len(reqs))
	}
	r := reqs[0]
	if !r.validMAC {
		t.Errorf("signature %q does not verify", r.header.Get(notify.HeaderSignature))
	}
	if !notify.VerifySignature(webhookSecret, r.body, r.header.Get(notify.HeaderSignature)) {
		t.Error("VerifySignature rejects the signature")
	}
	if notify.VerifySignature([]byte("anderes"), r.body, r.header.Get(notify.HeaderSignature)) {
		t.Error("VerifySignature accepts another secret")
	}
	if got := r.header.Get(notify.HeaderDelivery); got != m.NotificationID {
		t.Errorf("%s = %q, want %q", notify.HeaderDelivery, got, m.NotificationID)
	}
	if got := r.header.Get("Content-Type"); got != "application/json" {
		t.Errorf("Content-Type = %q", got)
	}
	p := r.payload
	if p.ID != m.NotificationID || p.Reminder != "seal.expired" || p.Subject != m.Subject || p.Text != m.Text {
		t.Errorf("payload = %+v", p)
	}
	var data map[string]any
	if err := json.Unmarshal(p.Data, &data); err != nil || data["center_name"] != "Familienzentrum Sonnenschein" ||
		data["days_left"] != float64(0) || data["valid_until"] != "2030-07-31" {
		t.Errorf("payload data = %s (%v)", p.Data, err)
	}
	var keys map[string]json.RawMessage
	_ = json.Unmarshal(r.body, &keys)
	for _, k := range []string{"id", "reminder", "subject", "text", "data"} {
		if _, ok := keys[k]; !ok {
			t.Errorf("body lacks %q: %s", k, r.body)
		}
	}
}

func TestWebhookSenderClassifies(t *testing.T) {
	for _, tc := range []struct {
		status    int
		temporary bool
	}{
		{http.StatusInternalServerError, true},
		{http.StatusBadGateway, true},
		{http.StatusServiceUnavailable, true},
		{http.StatusRequestTimeout, true},
		{http.StatusTooManyRequests, true},
		{http.StatusBadRequest, false},
		{http.StatusNotFound, false},
		{http.StatusUnprocessableEntity, false},
		{http.StatusFound, false}, // not followed
	} {
		t.Run(http.StatusText(tc.status), func(t *testing.T) {
			recv := newWebhookReceiver(t, tc.status)
			s, err := notify.NewWebhookSender(recv.URL+"?token=url-token", webhookSecret, webhookClient())
			if err != nil {
				t.Fatal(err)
			}
			se := sendErr(t, s.Send(context.Background(), webhookMessage()))
			if se.Temporary != tc.temporary || se.Code != strconv.Itoa(tc.status) {
				t.Errorf("temporary = %v, code %q; want %v, %d", se.Temporary, se.Code, tc.temporary, tc.status)
			}
			if !strings.HasPrefix(se.Reply, "HTTP "+strconv.Itoa(tc.status)+" ") || !strings.Contains(se.Reply, "Antwort des Empfängers") {
				t.Errorf("reply = %q", se.Reply)
			}
			if strings.Contains(se.Error(), "url-token") {
				t.Errorf("error shows the URL's token: %q", se.Error())
			}
			if n := len(recv.requests()); n != 1 {
				t.Errorf("%d requests, want 1 (redirects are not followed)", n)
			}
		})
	}
}

func TestWebhookSenderNetworkErrorsAreTemporary(t *testing.T) {
	recv := newWebhookReceiver(t)
	url := recv.URL + "/hook?token=url-token"
	recv.Close()
	s, err := notify.NewWebhookSender(url, webhookSecret, webhookClient())
	if err != nil {
		t.Fatal(err)
	}
	se := sendErr(t, s.Send(context.Background(), webhookMessage()))
	if !se.Temporary || strings.Contains(se.Error(), "url-token") {
		t.Errorf("got temporary=%v reply=%q", se.Temporary, se.Reply)
	}

	release := make(chan struct{})
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		select {
		case <-r.Context().Done():
		case <-release:
		case <-time.After(5 * time.Second):
		}
	}))
	defer slow.Close()
	defer close(release)
	s, err = notify.NewWebhookSender(slow.URL, webhookSecret, &http.Client{Timeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	se = sendErr(t, s.Send(context.Background(), webhookMessage()))
	if !se.Temporary || !strings.Contains(se.Reply, "timed out") {
		t.Errorf("got temporary=%v reply=%q", se.Temporary, se.Reply)
	}
}

func TestNewWebhookSenderChecks(t *testing.T) {
	for _, tc := range []struct {
		url     string
		secret  []byte
		wantErr string
	}{
		{"ftp://example.org/hook", webhookSecret, "http:// or https://"},
		{"https:///hook", webhookSecret, "no host"},
		{"https://example.org/hook", nil, "secret is empty"},
		{"https://example.org/hook?token=x\x7f", webhookSecret, "not a valid URL"},
	} {
		_, err := notify.NewWebhookSender(tc.url, tc.secret, nil)
		if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
			t.Errorf("NewWebhookSender(%q) = %v, want an error containing %q", tc.url, err, tc.wantErr)
		}
	}
	// No default client: a missing client or one without timeout is refused.
	for _, c := range []*http.Client{nil, {}} {
		if _, err := notify.NewWebhookSender("https://example.org/hook", webhookSecret, c); err == nil || !strings.Contains(err.Error(), "timeout") {
			t.Errorf("NewWebhookSender with client %v = %v, want it refused for want of a timeout", c, err)
		}
	}
}
