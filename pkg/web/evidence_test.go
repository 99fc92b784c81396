package web_test

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/auth"
	"github.com/kitacert/kitacert/pkg/cert"
	"github.com/kitacert/kitacert/pkg/demo"
)

// TestQuestionnaireKitaLeader: the Kita leader answers a criterion and uploads a document
// through the forms (multipart through the router), sees and downloads it, and the
// refusals come back at the form in German: a stale answer (409 with the new values), a
// wrong type (415), a file too large (413, read by the page or refused by the server's
// body limit), an upload without the CSRF token or from another site (403); then replaces
// and deletes the document.
func TestQuestionnaireKitaLeader(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		p := leaderProcedure(t, s)
		q := questionnaire(t, s, p.ID)
		b := s.as(t, access.RoleKitaLeader)
		page := b.get(questionnairePath(p.ID))
		page.mustSee(t, http.StatusOK, "Fragebogen", fmt.Sprintf("0 von %d Kriterien beantwortet", len(q.Items)),
			"Bereich 1: ", "Kriterium 1.1", "Noch nicht beantwortet", "Basis", "Aufbau", "0 Bytes von 3 MB belegt",
			`<script src="/assets/app/upload.js" defer></script>`, `enctype="multipart/form-data"`)
		if n := len(answerForms(page.Body)); n != len(q.Items) {
			t.Errorf("registered: %d answer forms, want one per criterion (%d)", n, len(q.Items))
		}
		if js := b.get("/assets/app/upload.js"); js.Status != http.StatusOK || !strings.Contains(js.Header.Get("Content-Type"), "javascript") ||
			!strings.Contains(js.Body, "XMLHttpRequest") {
			t.Errorf("upload.js: %d %s", js.Status, js.Header.Get("Content-Type"))
		}
		// The CSRF field is the first field of every upload form.
		up := formByID(t, page.Body, "hochladen-1.1")
		if i, j := strings.Index(up, `name="csrf"`), strings.Index(up, `name="`); i < 0 || i != j {
			t.Errorf("the upload form does not begin with the CSRF field:\n%s", up)
		}

		// Answer, then the same version again: 409 with the stored text.
		text := "Kooperation mit der Beratungsstelle „Lichtblick“ seit 2019."
		r := b.post(criterionPath(p.ID, "1.1", "answer"), url.Values{"version": {"0"}, "text": {text}})
		if want := questionnairePath(p.ID) + "?hinweis=antwort#k-1.1"; r.Status != http.StatusSeeOther || r.Location() != want {
			t.Fatalf("answer: %d to %q, want 303 to %s\n%s", r.Status, r.Location(), want, r.Body)
		}
		b.get(questionnairePath(p.ID)+"?hinweis=antwort").mustSee(t, http.StatusOK, "Die Antwort ist gespeichert.",
			fmt.Sprintf("1 von %d Kriterien beantwortet", len(q.Items)), "Kooperation mit der Beratungsstelle „Lichtblick“ seit 2019.", "In Bearbeitung")
		stale := b.post(criterionPath(p.ID, "1.1", "answer"), url.Values{"version": {"0"}, "text": {"Meine ältere Fassung"}})
		stale.mustSee(t, http.StatusConflict, "Jemand hat diesen Eintrag inzwischen geändert", "Ihre nicht gespeicherte Eingabe", "Meine ältere Fassung")
		form := formByID(t, stale.Body, "antwort-1.1")
		if !contains(form, `name="version" value="1"`, "seit 2019.</textarea>") {
			t.Errorf("the stale form does not show the new values:\n%s", form)
		}

		// Upload a PDF with title and period; it shows, and downloads as it was.
		pdf := testPDF("Kooperationsvertrag")
		fields := []field{{"title", "Kooperationsvertrag"}, {"period_from", "2026-01-01"}, {"period_to", "31.12.2026"}}
		r = b.upload(criterionPath(p.ID, "1.1", "documents"), fields, "Kooperationsvertrag Grünschnabel.pdf", pdf)
		if want := questionnairePath(p.ID) + "?hinweis=hochgeladen#k-1.1"; r.Status != http.StatusSeeOther || r.Location() != want {
			t.Fatalf("upload: %d to %q, want 303 to %s\n%s", r.Status, r.Location(), want, r.Body)
		}
		page = b.get(questionnairePath(p.ID) + "?hinweis=hochgeladen")
		page.mustSee(t, http.StatusOK, "Das Dokument ist hochgeladen.", "Kooperationsvertrag", "Zeitraum 01.01.2026–31.12.2026",
			"Kooperationsvertrag Grünschnabel.pdf ("+cert.FormatBytes(int64(len(pdf)))+")", "Fassung 1", "hochgeladen am 22.11.2026",
			cert.FormatBytes(int64(len(pdf)))+" von 3 MB belegt")
		doc := documentID(t, page.Body, "1.1")
		dl := b.do(http.MethodGet, "/documents/"+doc+"/download", nil, "Accept-Encoding", "gzip")
		if dl.Status != http.StatusOK || dl.Body != string(pdf) || dl.Header.Get("Content-Type") != "application/pdf" ||
			dl.Header.Get("Content-Length") != strconv.Itoa(len(pdf)) || dl.Header.Get("Content-Encoding") != "" ||
			!strings.Contains(dl.Header.Get("Content-Disposition"), `attachment; filename="Kooperationsvertrag Gr_nschnabel.pdf"; filename*=UTF-8''Kooperationsvertrag%20Gr%C3%BCnschnabel.pdf`) {
			t.Fatalf("download: %d %v\n%q", dl.Status, dl.Header, dl.Body)
		}

		// Refusals at the form: wrong type 415, too large 413, for both ways it is found.
		bad := b.upload(criterionPath(p.ID, "1.2", "documents"), []field{{"title", "Falsch"}}, "vertrag.pdf", []byte("Dies ist kein PDF."))
		bad.mustSee(t, http.StatusUnsupportedMediaType, "Nicht gespeichert", `href="#hochladen-1.2"`)
		if form := formByID(t, bad.Body, "hochladen-1.2"); !contains(form, "Erlaubt sind PDF, JPEG, PNG, DOCX, XLSX, ODT und ODS", `href="#f-upload-1.2-file"`, `value="Falsch"`) {
			t.Errorf("wrong type: the form lacks the message:\n%s", form)
		}
		tooLarge := "Die Datei ist größer als 1 MB; erlaubt sind höchstens 1 MB je Datei."
		for name, size := range map[string]int{"read by the page": 1_000_001, "refused by the body limit": 1_200_000} {
			big := append(testPDF("groß"), bytes.Repeat([]byte("x"), size)...)
			r := b.upload(criterionPath(p.ID, "1.2", "documents"), []field{{"title", "Zu groß"}}, "gross.pdf", big)
			r.mustSee(t, http.StatusRequestEntityTooLarge, "Fragebogen")
			if form := formByID(t, r.Body, "hochladen-1.2"); !strings.Contains(form, tooLarge) {
				t.Errorf("too large, %s: the form lacks %q:\n%s", name, tooLarge, form)
			}
		}

		// No CSRF token, a wrong one, or a form from another site: 403, nothing stored.
		before := len(item(t, questionnaire(t, s, p.ID), "1.2").Documents)
		body, ct := uploadForm(t, "", []field{{"title", "Ohne Token"}}, "a.pdf", testPDF("a"))
		b.do(http.MethodPost, criterionPath(p.ID, "1.2", "documents"), body, "Content-Type", ct).mustSee(t, http.StatusForbidden, "Das Formular ist abgelaufen")
		body, ct = uploadForm(t, "falsch", []field{{"title", "Falsches Token"}}, "a.pdf", testPDF("a"))
		b.do(http.MethodPost, criterionPath(p.ID, "1.2", "documents"), body, "Content-Type", ct).mustSee(t, http.StatusForbidden, "Das Formular ist abgelaufen")
		b.upload(criterionPath(p.ID, "1.2", "documents"), []field{{"title", "Fremd"}}, "a.pdf", testPDF("a"),
			"Origin", "https://evil.example.com", "Sec-Fetch-Site", "cross-site").mustSee(t, http.StatusForbidden, "Das Formular ist abgelaufen")
		// The token may also come as the header (upload.js sends it).
		body, ct = uploadForm(t, "", []field{{"title", "Mit Kopfzeile"}}, "b.pdf", testPDF("b"))
		if r := b.do(http.MethodPost, criterionPath(p.ID, "1.2", "documents"), body, "Content-Type", ct, "X-CSRF-Token", b.csrf, "HX-Request", "true"); r.Status != http.StatusNoContent ||
			r.Header.Get("HX-Redirect") != questionnairePath(p.ID)+"?hinweis=hochgeladen#k-1.2" {
			t.Errorf("upload with the token in the header (upload.js): %d %v", r.Status, r.Header)
		}
		if n := len(item(t, questionnaire(t, s, p.ID), "1.2").Documents); n != before+1 {
			t.Errorf("criterion 1.2 has %d documents, want %d: a refused upload was stored", n, before+1)
		}

		// Replace: version 2, the first in "Frühere Fassungen".
		r = b.upload(criterionPath(p.ID, "1.1", "documents"), []field{{"replaces", doc}, {"title", "Kooperationsvertrag (neu)"}}, "vertrag-2.pdf", testPDF("neu"))
		if r.Status != http.StatusSeeOther || !strings.Contains(r.Location(), "hinweis=ersetzt") {
			t.Fatalf("replace: %d %s\n%s", r.Status, r.Location(), r.Body)
		}
		page = b.get(questionnairePath(p.ID))
		page.mustSee(t, http.StatusOK, "Kooperationsvertrag (neu)", "Fassung 2", "Frühere Fassungen (1)", "ersetzt am")
		again := b.upload(criterionPath(p.ID, "1.1", "documents"), []field{{"replaces", doc}, {"title", "Noch einmal"}}, "vertrag-3.pdf", testPDF("3"))
		again.mustSee(t, http.StatusConflict, "wurde inzwischen ersetzt")

		// Delete: the box must be ticked.
		cur := documentID(t, page.Body, "1.1")
		del := b.post("/documents/"+cur+"/delete", url.Values{})
		del.mustSee(t, http.StatusUnprocessableEntity, "Bitte bestätigen Sie, dass das Dokument mit allen Fassungen gelöscht wird.")
		formByID(t, del.Body, "loeschen-"+cur)
		r = b.post("/documents/"+cur+"/delete", url.Values{"confirm": {"1"}})
		if want := questionnairePath(p.ID) + "?hinweis=geloescht#k-1.1"; r.Status != http.StatusSeeOther || r.Location() != want {
			t.Fatalf("delete: %d to %q\n%s", r.Status, r.Location(), r.Body)
		}
		if got := item(t, questionnaire(t, s, p.ID), "1.1"); len(got.Documents)+len(got.History) != 0 {
			t.Errorf("after delete: %d documents, %d earlier versions", len(got.Documents), len(got.History))
		}
		b.get("/documents/"+cur+"/download").mustSee(t, http.StatusNotFound, "Seite nicht gefunden")
	})
}

// TestQuestionnaireReview: after the evidence is handed in, the assessor returns two
// criteria (the comment required) and accepts one on the questionnaire; after
// request_evidence only those two are open for the Kita leader, whose status page lists
// them with the comments; the youth office sees statuses and counts but no content, and
// a Kita leader of another Kita sees nothing.
func TestQuestionnaireReview(t *testing.T) {
	eachDB(t, func(t *testing.T, s *site) {
		p := leaderProcedure(t, s)
		leader := s.ctxOf(access.RoleKitaLeader)
		if _, err := s.svc.Evidence.PutAnswer(leader, p.ID, "1.1", cert.Expect(0), "Vertrag seit 2019."); err != nil {
			t.Fatal(err)
		}
		pdf := testPDF("Vertrag")
		doc, err := s.svc.Evidence.Upload(leader, p.ID, "1.1", cert.Upload{Title: "Vertrag Lichtblick", FileName: "vertrag.pdf",
			Size: int64(len(pdf)), Content: bytes.NewReader(pdf)})
		if err != nil {
			t.Fatal(err)
		}
		kl := s.as(t, access.RoleKitaLeader)
		kl.stepDone(p.ID, cert.ActSubmitEvidence)
		as := s.as(t, access.RoleAssessor)
		as.stepDone(p.ID, cert.ActStartReview)

		page := as.get(questionnairePath(p.ID))
		page.mustSee(t, http.StatusOK, "Prüfung speichern", "Eingereicht", "Vertrag seit 2019.", "Vertrag Lichtblick")
		if n := len(answerForms(page.Body)); n != 0 {
			t.Errorf("the assessor gets %d answer forms", n)
		}
		q := questionnaire(t, s, p.ID)
		v11 := strconv.Itoa(item(t, q, "1.1").Answer.Version)
		noComment := as.post(criterionPath(p.ID, "1.1", "review"), url.Values{"version": {v11}, "status": {"returned"}})
		noComment.mustSee(t, http.StatusUnprocessableEntity)
		if form := formByID(t, noComment.Body, "pruefung-1.1"); !contains(form, "Bitte schreiben Sie, was fehlt oder zu ändern ist.", `value="returned" checked`) {
			t.Errorf("a return without comment: the form lacks the message:\n%s", form)
		}
		for _, rv := range []struct{ code, status, comment string }{
			{"1.1", "returned", "Bitte den unterschriebenen Vertrag."},
			{"1.2", "returned", "Bitte die Angebote im Sozialraum nennen."},
			{"2.1", "accepted", ""},
		} {
			v := strconv.Itoa(item(t, q, rv.code).Answer.Version)
			r := as.post(criterionPath(p.ID, rv.code, "review"), url.Values{"version": {v}, "status": {rv.status}, "comment": {rv.comment}})
			if r.Status != http.StatusSeeOther || r.Location() != questionnairePath(p.ID)+"?hinweis=geprueft#k-"+rv.code {
				t.Fatalf("review %s: %d %q\n%s", rv.code, r.Status, r.Location(), r.Body)
			}
		}
		// The request for evidence names the returned criteria by itself.
		proc := as.get("/procedures/" + p.ID.String())
		proc.mustSee(t, http.StatusOK, "Die zurückgegebenen Kriterien 1.1, 1.2 werden mit den Kommentaren der Prüfung angefordert", "Zum Fragebogen")
		as.stepDone(p.ID, cert.ActRequestEvidence, "evidence_due_on", ymd(s.svc.Today().AddDays(30)))

		page = kl.get(questionnairePath(p.ID))
		page.mustSee(t, http.StatusOK, "Bitte ergänzen: Bitte den unterschriebenen Vertrag.", "Bitte ergänzen: Bitte die Angebote im Sozialraum nennen.",
			"Zurückgegeben: bitte ergänzen", `href="#k-1.2"`)
		if got := strings.Join(answerForms(page.Body), " "); got != "1.1 1.2" {
			t.Errorf("after request_evidence the leader may answer %q, want only the returned 1.1 1.2", got)
		}
		if strings.Contains(page.Body, `id="hochladen-2.1"`) || !strings.Contains(page.Body, `id="hochladen-1.2"`) {
			t.Errorf("after request_evidence the upload forms are not those of the returned criteria")
		}
		locked := kl.post(criterionPath(p.ID, "2.1", "answer"), url.Values{"version": {strconv.Itoa(item(t, questionnaire(t, s, p.ID), "2.1").Answer.Version)}, "text": {"x"}})
		locked.mustSee(t, http.StatusConflict, "nachgereicht werden nur die zurückgegebenen Kriterien")
		start := kl.get("/")
		start.mustSee(t, http.StatusOK, "Was noch fehlt", "Kriterium 1.1: Bitte den unterschriebenen Vertrag.", "Kriterium 1.2: Bitte die Angebote im Sozialraum nennen.",
			`href="`+questionnairePath(p.ID)+`#k-1.2"`, `href="`+questionnairePath(p.ID)+`">Zum Fragebogen</a>`)

		// The youth office sees statuses and counts only.
		yo := s.as(t, access.RoleYouthOffice)
		ypage := yo.get(questionnairePath(p.ID))
		ypage.mustSee(t, http.StatusOK, "Nur der Stand", "Zurückgegeben", "Angenommen", "1 Dokument")
		for _, secret := range []string{"Vertrag seit 2019.", "Vertrag Lichtblick", "vertrag.pdf", "Bitte den unterschriebenen Vertrag.", "/download", "<form id=", "upload.js"} {
			if strings.Contains(ypage.Body, secret) {
				t.Errorf("the youth office sees %q", secret)
			}
		}
		yo.get("/documents/"+doc.ID.String()+"/download").mustSee(t, http.StatusForbidden, "Keine Berechtigung")

		// A Kita leader of another Kita: the procedure and its document do not exist.
		other := otherKitaLeader(t, s)
		other.get(questionnairePath(p.ID)).mustSee(t, http.StatusNotFound, "Seite nicht gefunden")
		other.get("/documents/"+doc.ID.String()+"/download").mustSee(t, http.StatusNotFound, "Seite nicht gefunden")
		if r := other.post(criterionPath(p.ID, "1.1", "answer"), url.Values{"version": {"0"}, "text": {"x"}}); r.Status != http.StatusNotFound {
			t.Errorf("another Kita's leader answers: %d", r.Status)
		}
	})
}

// otherKitaLeader signs in a new Kita leader of a Kita in no center of the demo leader.
func otherKitaLeader(t *testing.T, s *site) *browser {
	t.Helper()
	own := *s.users[access.RoleKitaLeader].KitaID
	list, err := s.svc.Kitas.List(sys, cert.KitaFilter{Page: cert.Page{Limit: cert.MaxLimit}})
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range list.Items {
		if k.ID == own {
			continue
		}
		id := k.ID
		if _, err := s.accounts.CreateUser(sys, auth.NewUser{Email: "leitung.andere@example.org", DisplayName: "Andere Leitung",
			Role: access.RoleKitaLeader, KitaID: &id, Password: demo.Password + "-andere"}); err != nil {
			t.Fatal(err)
		}
		return s.login(t, "leitung.andere@example.org", demo.Password+"-andere")
	}
	t.Fatal("the demo data has one Kita only")
	return nil
}
