package httpapi_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"github.com/kitacert/kitacert/pkg/pdfdoc/pdftest"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// testPDF is a small but complete PDF document.
func testPDF(text string) []byte {
	return []byte("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% " +
		text + "\ntrailer << /Root 1 0 R >>\n%%EOF\n")
}

// upload sends a multipart upload of one file with fields as the caller tok.
func (a *env) upload(tok, path, fileName string, content []byte, fields map[string]string) response {
	a.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, v := range fields {
		if err := mw.WriteField(k, v); err != nil {
			a.t.Fatal(err)
		}
	}
	fw, err := mw.CreateFormFile("file", fileName)
	if err != nil {
		a.t.Fatal(err)
	}
	if _, err := fw.Write(content); err != nil {
		a.t.Fatal(err)
	}
	if err := mw.Close(); err != nil {
		a.t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodPost, path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+tok)
	rec := httptest.NewRecorder()
	a.e.ServeHTTP(rec, req)
	r := response{Status: rec.Code, Header: rec.Header(), Body: rec.Body.Bytes()}
	checkContract(a.t, req, r)
	return r
}

// questionItem finds the item of code in a questionnaire.
func questionItem(t *testing.T, q obj, code string) obj {
	t.Helper()
	for _, it := range q["items"].([]any) {
		if m := it.(obj); m["code"] == code {
			return m
		}
	}
	t.Fatalf("no item %s in the questionnaire: %v", code, q)
	return nil
}

// answerVersion is the version of an item's answer, as If-Match wants it.
func answerVersion(it obj) string { return quoted(int(it["answer"].(obj)["version"].(float64))) }

// TestEvidenceJourney: the Kita leader answers the questionnaire and uploads evidence, the
// answers lock with submit_evidence, the assessor accepts one criterion and returns two,
// request_evidence names exactly those and reopens only them, the leader answers them, and
// the rules around it hold: types by content, the size limits, who reads what.
func TestEvidenceJourney(t *testing.T) {
	eachDB(t, func(t *testing.T, a *env) {
		a.realDocuments()
		l := newLifecycle(t, a)
		l.withLeader()
		a.must(201, "POST", "/api/v1/contingents", obj{"youth_office_id": idOf(l.yo), "kindergarten_year": "2026/27", "places": 1})
		p := a.must(201, "POST", "/api/v1/procedures", obj{"center_id": idOf(l.single), "kind": "initial", "kindergarten_year": "2026/27"}, bearer(l.planner)...)
		id := idOf(p)
		base := "/api/v1/procedures/" + id
		// Before the registration there is nothing to answer.
		a.must(409, "PUT", base+"/criteria/1.1/answer", obj{"text": "zu früh"}, append(bearer(l.leader), "If-Match", `"0"`)...)
		l.step(a.token, id, obj{"action": "register", "evidence_due_on": "2027-01-15"}, 200)

		q := a.must(200, "GET", base+"/questionnaire", nil, bearer(l.leader)...)
		if q["variant"] != "single_initial" || q["content"] != true || len(q["items"].([]any)) != 4 {
			t.Fatalf("questionnaire: %v", q)
		}
		it := questionItem(t, q, "1.1")
		if it["editable"] != true || it["answer"].(obj)["status"] != "none" {
			t.Fatalf("item 1.1: %v", it)
		}
		ans := a.must(200, "PUT", base+"/criteria/1.1/answer", obj{"text": "Kooperation mit der Beratungsstelle „Lichtblick“ seit 2019."},
			append(bearer(l.leader), "If-Match", `"0"`)...)
		if ans["status"] != "open" || ans["version"] != float64(1) {
			t.Fatalf("answer: %v", ans)
		}
		// The version is checked: the same If-Match again is stale.
		a.must(412, "PUT", base+"/criteria/1.1/answer", obj{"text": "x"}, append(bearer(l.leader), "If-Match", `"0"`)...)
		a.must(200, "PUT", base+"/criteria/5.1/answer", obj{"text": "Sozialraumanalyse 2026"}, append(bearer(l.leader), "If-Match", `"0"`)...)
		// A criterion that is not in the catalogue, and one of another variant, are not found.
		a.must(404, "PUT", base+"/criteria/9.9/answer", obj{"text": "x"}, append(bearer(l.leader), "If-Match", `"0"`)...)
		// Only the Kita writes: the coordinator and the assessor read.
		a.must(403, "PUT", base+"/criteria/1.2/answer", obj{"text": "x"}, "If-Match", `"0"`)
		a.must(403, "PUT", base+"/criteria/1.2/answer", obj{"text": "x"}, append(bearer(l.assessor), "If-Match", `"0"`)...)

		pdf := testPDF("Kooperationsvertrag")
		docs := base + "/criteria/1.1/documents"
		up := a.upload(l.leader, docs, "Kooperationsvertrag Grünschnabel.pdf", pdf, map[string]string{"title": "Kooperationsvertrag", "period_from": "2026-01-01", "period_to": "2026-12-31"})
		if up.Status != 201 {
			t.Fatalf("upload: %d %s", up.Status, up.Body)
		}
		doc := up.JSON(t)
		sum := sha256.Sum256(pdf)
		if doc["media_type"] != "application/pdf" || doc["sha256"] != hex.EncodeToString(sum[:]) || doc["size"] != float64(len(pdf)) || doc["revision"] != float64(1) {
			t.Fatalf("document: %v", doc)
		}
		dl := a.do("GET", "/api/v1/documents/"+idOf(doc)+"/content", nil, bearer(l.assessor)...)
		if dl.Status != 200 || !bytes.Equal(dl.Body, pdf) || dl.Header.Get("Content-Type") != "application/pdf" ||
			!strings.Contains(dl.Header.Get("Content-Disposition"), `filename*=UTF-8''Kooperationsvertrag%20Gr%C3%BCnschnabel.pdf`) {
			t.Fatalf("download: %d %v", dl.Status, dl.Header)
		}
		// The type comes from the content: a text file named .pdf is refused in German.
		bad := a.upload(l.leader, docs, "vertrag.pdf", []byte("Dies ist kein PDF."), map[string]string{"title": "Falsch"})
		checkProblem(t, bad, 415, "urn:kitacert:problem:unsupported-type", []string{"file"})
		if !strings.Contains(string(bad.Body), "Erlaubt sind PDF, JPEG, PNG, DOCX, XLSX, ODT und ODS") {
			t.Errorf("wrong type: %s", bad.Body)
		}
		// Over the limit per file (1 MB in the tests): 413 naming the limit.
		big := append(testPDF("groß"), bytes.Repeat([]byte("x"), 1_100_000)...)
		tooBig := a.upload(l.leader, docs, "gross.pdf", big, map[string]string{"title": "Zu groß"})
		if tooBig.Status != 413 || !strings.Contains(string(tooBig.Body), "1,0 MB") && !strings.Contains(string(tooBig.Body), "1 MB") {
			t.Errorf("too large: %d %s", tooBig.Status, tooBig.Body)
		}
		// Replace: a new version, the old one stays in the history.
		pdf2 := testPDF("Kooperationsvertrag, Fassung 2")
		rep := a.upload(l.leader, docs, "vertrag-2.pdf", pdf2, map[string]string{"title": "Kooperationsvertrag (neu)", "replaces": idOf(doc)})
		if rep.Status != 201 || rep.JSON(t)["revision"] != float64(2) || rep.JSON(t)["chain_id"] != idOf(doc) {
			t.Fatalf("replace: %d %s", rep.Status, rep.Body)
		}
		list := a.must(200, "GET", docs, nil, bearer(l.leader)...)
		if n := len(list["items"].([]any)); n != 2 {
			t.Fatalf("documents after replace: %d", n)
		}
		again := a.upload(l.leader, docs, "vertrag-3.pdf", pdf2, map[string]string{"title": "Noch einmal", "replaces": idOf(doc)})
		checkProblem(t, again, 409, "urn:kitacert:problem:conflict", nil)
		// Delete a document with its versions while the criterion is open.
		extra := a.upload(l.leader, base+"/criteria/5.1/documents", "analyse.pdf", testPDF("Analyse"), map[string]string{"title": "Sozialraumanalyse"}).JSON(t)
		a.must(204, "DELETE", "/api/v1/documents/"+idOf(extra), nil, bearer(l.leader)...)
		a.must(404, "GET", "/api/v1/documents/"+idOf(extra), nil)

		// The youth office sees that evidence exists, not its content.
		yq := a.must(200, "GET", base+"/questionnaire", nil, bearer(l.planner)...)
		yit := questionItem(t, yq, "1.1")
		if yq["content"] != false || yq["answered"] != float64(2) || yit["answer"].(obj)["text"] != nil || len(yit["documents"].([]any)) != 1 ||
			yit["documents"].([]any)[0].(obj)["title"] != nil {
			t.Errorf("youth office questionnaire shows content: %v", yit)
		}
		a.must(403, "GET", "/api/v1/documents/"+idOf(doc)+"/content", nil, bearer(l.planner)...)
		a.must(403, "GET", docs, nil, bearer(l.planner)...)
		// A Kita leader of another center does not see the procedure at all.
		k1 := uuidOf(l.kitas[1])
		_, stranger := a.newUser("kita_leader", nil, &k1)
		a.must(404, "GET", base+"/questionnaire", nil, bearer(stranger)...)
		a.must(404, "GET", "/api/v1/documents/"+idOf(doc)+"/content", nil, bearer(stranger)...)

		// submit_evidence locks the answers.
		l.step(l.leader, id, obj{"action": "submit_evidence"}, 200)
		q = a.must(200, "GET", base+"/questionnaire", nil, bearer(l.leader)...)
		it = questionItem(t, q, "1.1")
		if it["answer"].(obj)["status"] != "submitted" || it["editable"] != false {
			t.Fatalf("after submit: %v", it)
		}
		locked := a.do("PUT", base+"/criteria/1.1/answer", obj{"text": "später"}, append(bearer(l.leader), "If-Match", answerVersion(it))...)
		checkProblem(t, locked, 409, "urn:kitacert:problem:conflict", nil)
		checkProblem(t, a.upload(l.leader, docs, "x.pdf", testPDF("x"), map[string]string{"title": "x"}), 409, "urn:kitacert:problem:conflict", nil)

		// The assessor reviews: 1.1 accepted, 5.1 and 1.2 (never answered) returned.
		a.must(409, "PUT", base+"/criteria/1.1/review", obj{"status": "accepted"}, append(bearer(l.assessor), "If-Match", answerVersion(it))...) // not in review yet
		l.step(l.assessor, id, obj{"action": "start_review"}, 200)
		a.must(200, "PUT", base+"/criteria/1.1/review", obj{"status": "accepted"}, append(bearer(l.assessor), "If-Match", answerVersion(it))...)
		it51 := questionItem(t, q, "5.1")
		noComment := a.do("PUT", base+"/criteria/5.1/review", obj{"status": "returned"}, append(bearer(l.assessor), "If-Match", answerVersion(it51))...)
		checkProblem(t, noComment, 400, "urn:kitacert:problem:validation", []string{"comment"})
		a.must(200, "PUT", base+"/criteria/5.1/review", obj{"status": "returned", "comment": "Die Analyse ist von 2019; bitte die aktuelle."},
			append(bearer(l.assessor), "If-Match", answerVersion(it51))...)
		a.must(200, "PUT", base+"/criteria/1.2/review", obj{"status": "returned", "comment": "Bitte die Angebote im Sozialraum nennen."},
			append(bearer(l.assessor), "If-Match", `"0"`)...)
		a.must(403, "PUT", base+"/criteria/1.1.1/review", obj{"status": "accepted"}, append(bearer(l.leader), "If-Match", `"0"`)...)

		// request_evidence names exactly the returned criteria, with their comments.
		l.step(l.assessor, id, obj{"action": "request_evidence", "evidence_due_on": "2027-02-15"}, 200)
		events := a.must(200, "GET", base+"/events", nil)
		last := events["items"].([]any)[len(events["items"].([]any))-1].(obj)
		missing, _ := last["fields"].(obj)["missing"].(string)
		if missing != "Kriterium 1.2: Bitte die Angebote im Sozialraum nennen.\nKriterium 5.1: Die Analyse ist von 2019; bitte die aktuelle." {
			t.Errorf("request_evidence missing = %q", missing)
		}
		// The mail of the step names them too, over a real SMTP conversation.
		msgs := a.deliver()
		if len(msgs) != 1 || msgs[0].To[0] != leaderMail {
			t.Fatalf("delivered %d messages", len(msgs))
		}
		for _, want := range []string{"Kriterium 1.2: Bitte die Angebote im Sozialraum nennen.", "Kriterium 5.1: Die Analyse ist von 2019; bitte die aktuelle.", "15.02.2027"} {
			if !strings.Contains(msgs[0].Body(), want) {
				t.Errorf("the mail lacks %q:\n%s", want, msgs[0].Body())
			}
		}
		status := a.must(200, "GET", "/api/v1/kitas/"+idOf(l.kitas[0])+"/status", nil, bearer(l.leader)...)
		if !strings.Contains(fmt.Sprint(status), "Kriterium 5.1: Die Analyse ist von 2019") {
			t.Errorf("the status does not list the returned criteria: %v", status)
		}
		// Only the returned criteria reopen.
		q = a.must(200, "GET", base+"/questionnaire", nil, bearer(l.leader)...)
		for code, want := range map[string]bool{"1.1": false, "1.1.1": false, "1.2": true, "5.1": true} {
			if got := questionItem(t, q, code)["editable"]; got != want {
				t.Errorf("after request_evidence, %s editable = %v, want %v", code, got, want)
			}
		}
		acc := questionItem(t, q, "1.1")
		checkProblem(t, a.do("PUT", base+"/criteria/1.1/answer", obj{"text": "x"}, append(bearer(l.leader), "If-Match", answerVersion(acc))...), 409, "urn:kitacert:problem:conflict", nil)
		a.must(200, "PUT", base+"/criteria/5.1/answer", obj{"text": "Sozialraumanalyse, Fortschreibung 2026"},
			append(bearer(l.leader), "If-Match", answerVersion(questionItem(t, q, "5.1")))...)
		l.step(l.leader, id, obj{"action": "submit_evidence"}, 200)
		q = a.must(200, "GET", base+"/questionnaire", nil, bearer(l.assessor)...)
		for code, want := range map[string]string{"1.1": "accepted", "5.1": "submitted", "1.2": "submitted", "1.1.1": "none"} {
			if got := questionItem(t, q, code)["answer"].(obj)["status"]; got != want {
				t.Errorf("after the second submit, %s is %v, want %s", code, got, want)
			}
		}

		// The assessor accepts what came back, visits and certifies; the Kita leader and the
		// assessor both download the quality profile and the certificate.
		l.step(l.assessor, id, obj{"action": "start_review"}, 200)
		for _, code := range []string{"1.2", "5.1"} {
			a.must(200, "PUT", base+"/criteria/"+code+"/review", obj{"status": "accepted"}, append(bearer(l.assessor), "If-Match", answerVersion(questionItem(t, q, code)))...)
		}
		a.must(200, "PUT", base+"/assessment", obj{"criteria": []obj{{"code": "1.1", "met": true}, {"code": "1.1.1", "met": true},
			{"code": "1.2", "met": true}, {"code": "5.1", "met": true}}}, bearer(l.assessor)...)
		l.step(l.assessor, id, obj{"action": "schedule_visit", "visit_on": l.svc.Today().String()}, 200)
		l.step(l.assessor, id, obj{"action": "record_visit"}, 200)
		done := l.step(l.assessor, id, obj{"action": "certify", "valid_from": "2027-08-01"}, 200)
		issued := a.issuedDocs(id, l.leader)
		for _, tok := range []string{l.leader, l.assessor} {
			for _, kind := range []string{"quality_profile/1", "certificate/1"} {
				if text := pdftest.Text(t, a.downloadIssued(issued[kind], tok)); !strings.Contains(text, done["certification_number"].(string)) || !strings.Contains(text, "FZ Eins") {
					t.Errorf("%s lacks the number or the center:\n%s", kind, text)
				}
			}
		}
	})
}

// TestQuestionnaireVariants: a network's questionnaire asks its network criterion, a
// single center's does not.
func TestQuestionnaireVariants(t *testing.T) {
	eachDB(t, func(t *testing.T, a *env) {
		l := newLifecycle(t, a)
		cat := testCatalogueWith(obj{"code": "5.2", "level": "advanced", "points": 1, "variants": []any{"network_initial", "network_recertification"}})
		a.must(201, "PUT", "/api/v1/catalogues/T2", cat)
		a.must(201, "POST", "/api/v1/contingents", obj{"youth_office_id": idOf(l.yo), "kindergarten_year": "2026/27", "places": 2})
		codes := func(center obj) []string {
			p := a.must(201, "POST", "/api/v1/procedures", obj{"center_id": idOf(center), "kind": "initial", "kindergarten_year": "2026/27", "catalogue_version": "T2"}, bearer(l.planner)...)
			q := a.must(200, "GET", "/api/v1/procedures/"+idOf(p)+"/questionnaire", nil)
			var out []string
			for _, it := range q["items"].([]any) {
				out = append(out, it.(obj)["code"].(string))
			}
			return out
		}
		if got := strings.Join(codes(l.single), " "); got != "1.1 1.1.1 1.2 5.1" {
			t.Errorf("single: %s", got)
		}
		if got := strings.Join(codes(l.netwrk), " "); got != "1.1 1.1.1 1.2 5.1 5.2" {
			t.Errorf("network: %s", got)
		}
	})
}

// testCatalogueWith is the test catalogue as version T2 with one more criterion in area 5.
func testCatalogueWith(extra obj) obj {
	b, _ := json.Marshal(testCatalogue)
	var c obj
	_ = json.Unmarshal(b, &c)
	c["version"] = "T2"
	area := c["areas"].([]any)[1].(obj)
	area["criteria"] = append(area["criteria"].([]any), extra)
	return c
}

// TestConcurrentReplace: two replacements of the same document at once: one becomes the
// new revision, the other is refused with 409; the chain has one current revision, and
// the refused upload leaves no blob behind.
func TestConcurrentReplace(t *testing.T) {
	eachDB(t, func(t *testing.T, a *env) {
		l := newLifecycle(t, a)
		a.must(201, "POST", "/api/v1/contingents", obj{"youth_office_id": idOf(l.yo), "kindergarten_year": "2026/27", "places": 1})
		id := idOf(a.must(201, "POST", "/api/v1/procedures", obj{"center_id": idOf(l.single), "kind": "initial", "kindergarten_year": "2026/27"}, bearer(l.planner)...))
		l.step(a.token, id, obj{"action": "register", "evidence_due_on": "2027-01-15"}, 200)
		docs := "/api/v1/procedures/" + id + "/criteria/1.1/documents"
		first := a.upload(l.leader, docs, "a.pdf", testPDF("a"), map[string]string{"title": "Vertrag"}).JSON(t)
		const n = 4
		statuses := make(chan int, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				statuses <- a.upload(l.leader, docs, "b.pdf", testPDF(fmt.Sprint("b", i)), map[string]string{"title": "Vertrag neu", "replaces": idOf(first)}).Status
			}()
		}
		wg.Wait()
		close(statuses)
		got := map[int]int{}
		for s := range statuses {
			got[s]++
		}
		if got[201] != 1 || got[409] != n-1 {
			t.Fatalf("concurrent replacements: %v, want one 201 and %d 409", got, n-1)
		}
		items := a.must(200, "GET", docs, nil, bearer(l.leader)...)["items"].([]any)
		current := 0
		for _, it := range items {
			if it.(obj)["current"] == true {
				current++
			}
		}
		if len(items) != 2 || current != 1 {
			t.Errorf("the chain after the race: %d revisions, %d current", len(items), current)
		}
		blobs := 0
		if err := a.svc.Evidence.Blobs().Walk(sys, "evidence/", func(string, time.Time) error { blobs++; return nil }); err != nil || blobs != 2 {
			t.Errorf("blobs after the race: %d (%v), want 2", blobs, err)
		}
	})
}
