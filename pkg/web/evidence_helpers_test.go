package web_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
)

// testPDF is a small but complete PDF document (as in pkg/httpapi's tests).
func testPDF(text string) []byte {
	return []byte("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% " +
		text + "\ntrailer << /Root 1 0 R >>\n%%EOF\n")
}

// field is one text field of a multipart form, in the order it is sent.
type field struct{ name, value string }

// uploadForm is a multipart upload as the page's form sends it: the CSRF field first
// (unless csrf is ""), then the fields, then the file.
func uploadForm(t testing.TB, csrf string, fields []field, fileName string, content []byte) (*bytes.Buffer, string) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	if csrf != "" {
		fields = append([]field{{"csrf", csrf}}, fields...)
	}
	for _, f := range fields {
		if err := mw.WriteField(f.name, f.value); err != nil {
			t.Fatal(err)
		}
	}
	fw, err := mw.CreateFormFile("file", fileName)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fw.Write(content); err != nil {
		t.Fatal(err)
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return &body, mw.FormDataContentType()
}

// upload sends the upload form of a criterion with the browser's CSRF token first.
func (b *browser) upload(path string, fields []field, fileName string, content []byte, headers ...string) page {
	b.t.Helper()
	body, ct := uploadForm(b.t, b.csrf, fields, fileName, content)
	return b.do(http.MethodPost, path, body, append([]string{"Content-Type", ct}, headers...)...)
}

// leaderProcedure is the registered procedure of the demo Kita leader's center.
func leaderProcedure(t *testing.T, s *site) cert.Procedure {
	t.Helper()
	return procedureWhere(t, s, inState(cert.StateRegistered, *s.users[access.RoleKitaLeader].KitaID)).P
}

// ctxOf is the context of the demo user of role, for fixtures through the services.
func (s *site) ctxOf(role access.Role) context.Context {
	return access.WithPrincipal(context.Background(), s.users[role].Principal())
}

// questionnaire reads a procedure's questionnaire as kitacert itself.
func questionnaire(t testing.TB, s *site, id uuid.UUID) cert.Questionnaire {
	t.Helper()
	q, err := s.svc.Evidence.Questionnaire(sys, id)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

// item is the criterion code of a questionnaire.
func item(t testing.TB, q cert.Questionnaire, code string) cert.QuestionItem {
	t.Helper()
	for _, it := range q.Items {
		if it.Criterion.Code == code {
			return it
		}
	}
	t.Fatalf("no criterion %s in the questionnaire", code)
	return cert.QuestionItem{}
}

// formByID returns the HTML of the form (or other element ending in </form>) with the id.
func formByID(t testing.TB, body, id string) string {
	t.Helper()
	re := regexp.MustCompile(`(?s)<form id="` + regexp.QuoteMeta(id) + `".*?</form>`)
	m := re.FindString(body)
	if m == "" {
		t.Fatalf("no form %q on the page", id)
	}
	return m
}

// answerForms lists the criteria whose answer form the page shows.
func answerForms(body string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`<form id="antwort-([^"]+)"`).FindAllStringSubmatch(body, -1) {
		out = append(out, m[1])
	}
	return out
}

// questionnairePath is the questionnaire page of a procedure.
func questionnairePath(id uuid.UUID) string { return "/procedures/" + id.String() + "/questionnaire" }

// criterionPath is a form's path below a criterion of a procedure.
func criterionPath(id uuid.UUID, code, what string) string {
	return "/procedures/" + id.String() + "/criteria/" + code + "/" + what
}

// documentID reads the id of the first download link of a criterion's section.
func documentID(t testing.TB, body, code string) string {
	t.Helper()
	sec := regexp.MustCompile(`(?s)<article id="k-` + regexp.QuoteMeta(code) + `".*?</article>`).FindString(body)
	m := regexp.MustCompile(`href="/documents/([0-9a-f-]{36})/download"`).FindStringSubmatch(sec)
	if m == nil {
		t.Fatalf("criterion %s has no download link:\n%s", code, sec)
	}
	return m[1]
}

// contains reports whether every text is in s.
func contains(s string, texts ...string) bool {
	for _, x := range texts {
		if !strings.Contains(s, x) {
			return false
		}
	}
	return true
}
