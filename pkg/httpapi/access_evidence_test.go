package httpapi_test

import (
	"bytes"
	"mime/multipart"
	"testing"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
)

// evidenceAccessRoutes are the rows of the access matrix for the questionnaire: the
// procedure must be readable (404), then the evidence action allowed (403).
func evidenceAccessRoutes(readWrite func(access.Action, ...access.Action) accessRule) map[string]accessRoute {
	qpath := func(pr *accessObj, rest string) string { return proceduresPath + "/" + idOf(pr.obj) + rest }
	return map[string]accessRoute{
		"GET /api/v1/procedures/:id/questionnaire": {rule: readWrite(access.ProcedureRead, access.EvidenceExists), ok: 200,
			prepare: func(s *accessScene, _ *accessUser, at string) accessCall {
				_, pr, _ := s.history(at) // reads share the scene: the open re-certification
				return accessCall{path: qpath(pr, "/questionnaire"), target: pr.rel,
					check: func(t *testing.T, p *access.Principal, r response) {
						q := r.JSON(t)
						if want := p.Can(access.EvidenceRead, pr.rel); q["content"] != want {
							t.Errorf("questionnaire content = %v, want %v", q["content"], want)
						}
					}}
			}},
		"PUT /api/v1/procedures/:id/criteria/:code/answer": {rule: readWrite(access.ProcedureRead, access.EvidenceWrite), ok: 200,
			prepare: func(s *accessScene, _ *accessUser, at string) accessCall {
				pr := s.procedure(at, cert.KindInitial, cert.StateRegistered)
				return accessCall{path: qpath(pr, "/criteria/1.1/answer"), target: pr.rel, body: obj{"text": "Antwort"}, headers: []string{"If-Match", "*"}}
			}},
		"PUT /api/v1/procedures/:id/criteria/:code/review": {rule: readWrite(access.ProcedureRead, access.ProcedureAssess), ok: 200,
			prepare: func(s *accessScene, _ *accessUser, at string) accessCall {
				pr := s.procedure(at, cert.KindInitial, cert.StateInReview)
				return accessCall{path: qpath(pr, "/criteria/1.1/review"), target: pr.rel, body: obj{"status": "returned", "comment": "Bitte ergänzen."},
					headers: []string{"If-Match", "*"}}
			}},
		"GET /api/v1/procedures/:id/criteria/:code/documents": {rule: readWrite(access.ProcedureRead, access.EvidenceRead), ok: 200,
			prepare: func(s *accessScene, _ *accessUser, at string) accessCall {
				_, pr, _ := s.history(at)
				return accessCall{path: qpath(pr, "/criteria/1.1/documents"), target: pr.rel}
			}},
		"POST /api/v1/procedures/:id/criteria/:code/documents": {rule: readWrite(access.ProcedureRead, access.EvidenceWrite), ok: 201,
			prepare: func(s *accessScene, _ *accessUser, at string) accessCall {
				pr := s.procedure(at, cert.KindInitial, cert.StateRegistered)
				body, ct := multipartPDF(s.a.t, "Beleg")
				return accessCall{path: qpath(pr, "/criteria/1.1/documents"), target: pr.rel, body: body, headers: []string{"Content-Type", ct}}
			}},
		"GET /api/v1/documents/:id": {rule: readWrite(access.ProcedureRead, access.EvidenceRead), ok: 200,
			prepare: func(s *accessScene, _ *accessUser, at string) accessCall {
				pr, d := s.document(at)
				return accessCall{path: "/api/v1/documents/" + d.ID.String(), target: pr.rel}
			}},
		"GET /api/v1/documents/:id/content": {rule: readWrite(access.ProcedureRead, access.EvidenceRead), ok: 200,
			prepare: func(s *accessScene, _ *accessUser, at string) accessCall {
				pr, d := s.document(at)
				return accessCall{path: "/api/v1/documents/" + d.ID.String() + "/content", target: pr.rel}
			}},
		"DELETE /api/v1/documents/:id": {rule: readWrite(access.ProcedureRead, access.EvidenceWrite), ok: 204,
			prepare: func(s *accessScene, _ *accessUser, at string) accessCall {
				pr, d := s.document(at)
				return accessCall{path: "/api/v1/documents/" + d.ID.String(), target: pr.rel}
			}},
		"GET /api/v1/procedures/:id/report": {rule: accessRule{read: access.ProcedureRead}, ok: 200,
			prepare: func(s *accessScene, _ *accessUser, at string) accessCall {
				done, _, _ := s.history(at)
				return accessCall{path: qpath(done, "/report"), target: done.rel}
			}},
		"PUT /api/v1/procedures/:id/report": {rule: readWrite(access.ProcedureRead, access.ProcedureAssess), ok: 200,
			prepare: func(s *accessScene, _ *accessUser, at string) accessCall {
				pr := s.procedure(at, cert.KindInitial, cert.StateInReview)
				return accessCall{path: qpath(pr, "/report"), target: pr.rel, body: obj{"remarks": "Bemerkung"}, headers: []string{"If-Match", "*"}}
			}},
		"GET /api/v1/procedures/:id/issued-documents": {rule: accessRule{read: access.ProcedureRead}, ok: 200,
			prepare: func(s *accessScene, _ *accessUser, at string) accessCall {
				done, _, _ := s.history(at)
				return accessCall{path: qpath(done, "/issued-documents"), target: done.rel,
					check: func(t *testing.T, _ *access.Principal, r response) {
						if n := len(items(t, r.JSON(t))); n != 2 {
							t.Errorf("%d issued documents of a certified procedure, want the profile and the certificate", n)
						}
					}}
			}},
		"POST /api/v1/procedures/:id/issued-documents": {rule: readWrite(access.ProcedureRead, access.ProcedureAssess), ok: 201,
			prepare: func(s *accessScene, _ *accessUser, at string) accessCall {
				done, _, _ := s.history(at)
				return accessCall{path: qpath(done, "/issued-documents"), target: done.rel}
			}},
		"GET /api/v1/issued-documents/:id/content": {rule: accessRule{read: access.ProcedureRead}, ok: 200,
			prepare: func(s *accessScene, _ *accessUser, at string) accessCall {
				done, _, _ := s.history(at)
				docs, err := s.a.svc.Issued.List(sys, uuidOf(done.obj))
				if err != nil || len(docs) == 0 {
					s.a.t.Fatalf("issued documents of %s: %v %v", at, docs, err)
				}
				return accessCall{path: "/api/v1/issued-documents/" + docs[0].ID.String() + "/content", target: done.rel}
			}},
	}
}

// document uploads, as kitacert itself, a PDF to criterion 1.1 of the open
// re-certification of the center at (registered); a fresh one for every call.
func (s *accessScene) document(at string) (*accessObj, cert.Document) {
	s.a.t.Helper()
	_, pr, _ := s.history(at)
	pdf := testPDF("Beleg " + at)
	d, err := s.a.svc.Evidence.Upload(sys, uuidOf(pr.obj), "1.1", cert.Upload{Title: "Beleg", FileName: "beleg.pdf", Size: int64(len(pdf)),
		Content: bytes.NewReader(pdf)})
	if err != nil {
		s.a.t.Fatalf("upload a document: %v", err)
	}
	return pr, d
}

// multipartPDF is an upload form with a small PDF and its content type.
func multipartPDF(t *testing.T, title string) ([]byte, string) {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	_ = mw.WriteField("title", title)
	fw, err := mw.CreateFormFile("file", "beleg.pdf")
	if err != nil {
		t.Fatal(err)
	}
	_, _ = fw.Write(testPDF(title))
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes(), mw.FormDataContentType()
}
