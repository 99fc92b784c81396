package httpapi_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/kitacert/kitacert/pkg/cert"
	"github.com/kitacert/kitacert/pkg/pdfdoc/pdftest"
)

// issuedDocs lists the issued documents of a procedure by kind and revision.
func (a *env) issuedDocs(id, tok string) map[string]obj {
	a.t.Helper()
	out := map[string]obj{}
	for _, it := range a.must(200, "GET", "/api/v1/procedures/"+id+"/issued-documents", nil, bearer(tok)...)["items"].([]any) {
		d := it.(obj)
		out[fmt.Sprintf("%s/%d", d["kind"], int(d["revision"].(float64)))] = d
	}
	return out
}

// download fetches an issued document's content and checks its headers.
func (a *env) downloadIssued(d obj, tok string) []byte {
	a.t.Helper()
	r := a.do("GET", "/api/v1/issued-documents/"+idOf(d)+"/content", nil, bearer(tok)...)
	if r.Status != 200 || r.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(string(r.Body), "%PDF-") ||
		!strings.Contains(r.Header.Get("Content-Disposition"), "attachment") {
		a.t.Fatalf("download %v: %d %v", d["kind"], r.Status, r.Header)
	}
	return r.Body
}

// TestCertifyIssuesProfileAndCertificate: certify issues the quality profile and the
// certificate as PDFs with the center, its Kita, the certification number, the validity,
// the points per area against each minimum and the assessor's report; a corrected profile
// is a new revision beside the first; reject issues a profile without certificate; the
// documents are read by whoever may read the procedure.
func TestCertifyIssuesProfileAndCertificate(t *testing.T) {
	eachDB(t, func(t *testing.T, a *env) {
		a.realDocuments()
		l := newLifecycle(t, a)
		a.must(201, "POST", "/api/v1/contingents", obj{"youth_office_id": idOf(l.yo), "kindergarten_year": "2026/27", "places": 2})
		p := a.must(201, "POST", "/api/v1/procedures", obj{"center_id": idOf(l.single), "kind": "initial", "kindergarten_year": "2026/27"}, bearer(l.planner)...)
		id := idOf(p)
		base := "/api/v1/procedures/" + id
		l.step(a.token, id, obj{"action": "register", "evidence_due_on": "2027-01-15"}, 200)
		l.step(a.token, id, obj{"action": "submit_evidence"}, 200)
		l.step(l.assessor, id, obj{"action": "start_review"}, 200)
		a.must(200, "PUT", base+"/assessment", obj{"criteria": []obj{
			{"code": "1.1", "met": true}, {"code": "1.1.1", "met": true}, {"code": "1.2", "met": false, "note": "Angebote im Aufbau."}, {"code": "5.1", "met": true}}}, bearer(l.assessor)...)
		rep := a.must(200, "PUT", base+"/report", obj{"remarks": "Die Einrichtung arbeitet eng mit der Beratungsstelle „Lichtblick“ zusammen.",
			"recommendations": "Die Zusammenarbeit mit der Kindertagespflege ausbauen.",
			"visit_findings":  []obj{{"kita_id": idOf(l.kitas[0]), "text": "Räume für Elterngespräche sind vorhanden."}}},
			append(bearer(l.assessor), "If-Match", `"0"`)...)
		if rep["version"] != float64(1) || len(rep["visit_findings"].([]any)) != 1 {
			t.Fatalf("report: %v", rep)
		}
		// A finding for a Kita of another center is refused at its field.
		bad := a.do("PUT", base+"/report", obj{"visit_findings": []obj{{"kita_id": idOf(l.kitas[1]), "text": "x"}}}, append(bearer(l.assessor), "If-Match", `"1"`)...)
		checkProblem(t, bad, 400, "urn:kitacert:problem:validation", []string{"visit_findings[0].kita_id"})
		a.must(403, "PUT", base+"/report", obj{"remarks": "x"}, append(bearer(l.leader), "If-Match", `"1"`)...)
		l.step(l.assessor, id, obj{"action": "schedule_visit", "visit_on": l.svc.Today().String()}, 200)
		l.step(l.assessor, id, obj{"action": "record_visit"}, 200)
		if docs := a.issuedDocs(id, l.assessor); len(docs) != 0 {
			t.Fatalf("documents before the decision: %v", docs)
		}
		done := l.step(l.assessor, id, obj{"action": "certify", "decided_on": "2026-11-22", "valid_from": "2027-08-01"}, 200)
		number := done["certification_number"].(string)

		docs := a.issuedDocs(id, l.leader)
		if len(docs) != 2 || docs["quality_profile/1"] == nil || docs["certificate/1"] == nil {
			t.Fatalf("issued: %v", docs)
		}
		profile := pdftest.Text(t, a.downloadIssued(docs["quality_profile/1"], l.leader))
		for _, want := range []string{"Qualitätsprofil", "FZ Eins", "Kita Lebenslauf", number, "Erstzertifizierung", "2026/27",
			"Zertifiziert", "22.11.2026", "Beratung und Unterstützung", "„Lichtblick“", "Kindertagespflege ausbauen",
			"Räume für Elterngespräche", "Angebote im Aufbau.", "nicht erfüllt", "Fassung 1"} {
			if !strings.Contains(profile, want) {
				t.Errorf("the quality profile lacks %q:\n%s", want, profile)
			}
		}
		certificate := pdftest.Text(t, a.downloadIssued(docs["certificate/1"], l.planner))
		for _, want := range []string{"Familienzentrum NRW", "FZ Eins", "Kita Lebenslauf", number, "01.08.2027", "31.07.2031"} {
			if !strings.Contains(certificate, want) {
				t.Errorf("the certificate lacks %q:\n%s", want, certificate)
			}
		}
		// A corrected profile is a new revision; the first one stays as it was.
		first := a.downloadIssued(docs["quality_profile/1"], a.token)
		a.must(403, "POST", base+"/issued-documents", nil, bearer(l.leader)...)
		second := a.must(201, "POST", base+"/issued-documents", nil, bearer(l.assessor)...)
		if second["revision"] != float64(2) || second["kind"] != "quality_profile" {
			t.Fatalf("reissue: %v", second)
		}
		if !bytes.Equal(first, a.downloadIssued(docs["quality_profile/1"], a.token)) {
			t.Error("the first profile changed")
		}
		if !strings.Contains(pdftest.Text(t, a.downloadIssued(second, a.token)), "Fassung 2") {
			t.Error("the second profile does not say Fassung 2")
		}
		// A Kita leader of another center sees none of it.
		k1 := uuidOf(l.kitas[1])
		_, stranger := a.newUser("kita_leader", nil, &k1)
		a.must(404, "GET", base+"/issued-documents", nil, bearer(stranger)...)
		a.must(404, "GET", "/api/v1/issued-documents/"+idOf(docs["certificate/1"])+"/content", nil, bearer(stranger)...)

		// reject: a quality profile, no certificate.
		p2 := a.must(201, "POST", "/api/v1/procedures", obj{"center_id": idOf(l.other), "kind": "initial", "kindergarten_year": "2026/27"}, bearer(l.planner)...)
		id2 := idOf(p2)
		l.step(a.token, id2, obj{"action": "register", "evidence_due_on": "2027-01-15"}, 200)
		l.step(a.token, id2, obj{"action": "submit_evidence"}, 200)
		l.step(l.assessor, id2, obj{"action": "start_review"}, 200)
		l.step(l.assessor, id2, obj{"action": "reject", "reason": "Die Mindestpunktzahl wird in keinem Bereich erreicht."}, 200)
		rejected := a.issuedDocs(id2, a.token)
		if len(rejected) != 1 || rejected["quality_profile/1"] == nil {
			t.Fatalf("issued on reject: %v", rejected)
		}
		if text := pdftest.Text(t, a.downloadIssued(rejected["quality_profile/1"], a.token)); !strings.Contains(text, "Nicht zertifiziert") || !strings.Contains(text, "FZ Zwei") {
			t.Errorf("the profile of the rejection:\n%s", text)
		}
	})
}

// TestEvidenceRetention: the sweep deletes a procedure's evidence (documents, their blobs,
// the answers) one retention period after the end of its seal's validity, not a day
// earlier, keeps the quality profile and the certificate, audits the deletion, and removes
// blobs that no row names.
func TestEvidenceRetention(t *testing.T) {
	eachDB(t, func(t *testing.T, a *env) {
		a.realDocuments()
		l := newLifecycle(t, a)
		a.must(201, "POST", "/api/v1/contingents", obj{"youth_office_id": idOf(l.yo), "kindergarten_year": "2026/27", "places": 1})
		id := idOf(a.must(201, "POST", "/api/v1/procedures", obj{"center_id": idOf(l.single), "kind": "initial", "kindergarten_year": "2026/27"}, bearer(l.planner)...))
		base := "/api/v1/procedures/" + id
		l.step(a.token, id, obj{"action": "register", "evidence_due_on": "2027-01-15"}, 200)
		a.must(200, "PUT", base+"/criteria/1.1/answer", obj{"text": "Kooperation mit Frau Müller, Beratungsstelle"}, append(bearer(l.leader), "If-Match", `"0"`)...)
		doc := a.upload(l.leader, base+"/criteria/1.1/documents", "vertrag.pdf", testPDF("Vertrag"), map[string]string{"title": "Vertrag"}).JSON(t)
		l.step(a.token, id, obj{"action": "submit_evidence"}, 200)
		l.step(l.assessor, id, obj{"action": "start_review"}, 200)
		a.must(200, "PUT", base+"/assessment", obj{"criteria": []obj{{"code": "1.1", "met": true}, {"code": "1.1.1", "met": true}, {"code": "5.1", "met": true}}}, bearer(l.assessor)...)
		l.step(l.assessor, id, obj{"action": "schedule_visit", "visit_on": l.svc.Today().String()}, 200)
		l.step(l.assessor, id, obj{"action": "record_visit"}, 200)
		l.step(l.assessor, id, obj{"action": "certify", "valid_from": "2027-08-01"}, 200) // valid until 31.07.2031
		issued := a.issuedDocs(id, a.token)
		// An orphan: a blob that no row names (a crash between blob and row).
		blobs := a.svc.Evidence.Blobs()
		if _, _, err := blobs.Put(sys, "evidence/"+id+"/verwaist.pdf", bytes.NewReader(testPDF("x")), "application/pdf", 1000); err != nil {
			t.Fatal(err)
		}
		count := func() int {
			n := 0
			for _, prefix := range []string{cert.EvidenceBlobPrefix, cert.IssuedBlobPrefix} {
				if err := blobs.Walk(sys, prefix, func(string, time.Time) error { n++; return nil }); err != nil {
					t.Fatal(err)
				}
			}
			return n
		}
		// The sweeps run years later; the orphan is then older than a day.
		l.travel(time.Date(2032, 7, 31, 9, 0, 0, 0, time.UTC))

		if r := a.sweep("2032-07-31"); r.Purged.Procedures != 0 || r.Purged.Orphans != 1 {
			t.Fatalf("on the last day of the period: %+v, want the orphan alone", r.Purged)
		}
		a.must(200, "GET", "/api/v1/documents/"+idOf(doc), nil)
		r := a.sweep("2032-08-01")
		if r.Purged.Procedures != 1 || r.Purged.Documents != 1 || r.Purged.Answers != 1 || r.Purged.Orphans != 0 {
			t.Fatalf("purged %+v", r.Purged)
		}
		a.must(404, "GET", "/api/v1/documents/"+idOf(doc), nil)
		q := a.must(200, "GET", base+"/questionnaire", nil)
		if it := questionItem(t, q, "1.1"); it["answer"].(obj)["status"] != "none" || len(it["documents"].([]any)) != 0 {
			t.Errorf("evidence left after the purge: %v", it)
		}
		if n := count(); n != 2 { // the profile and the certificate
			t.Errorf("blobs after the purge: %d, want the two issued documents", n)
		}
		for _, d := range issued {
			a.downloadIssued(d, a.token)
		}
		audit := a.must(200, "GET", "/api/v1/audit?resource_type=procedure&limit=200", nil)
		if !strings.Contains(fmt.Sprint(audit), "evidence.purge") {
			t.Error("the purge is not in the audit trail")
		}
	})
}
