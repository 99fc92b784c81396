package main

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kitacert/kitacert/pkg/store"
	"github.com/kitacert/kitacert/pkg/store/storetest"
)

// TestServeKeepsEvidenceNextToTheDatabase: `serve --demo` with the default settings keeps
// an uploaded document in the folder kitacert-files next to the SQLite file, and gives it
// back byte for byte; the Kita leader's procedure has the questionnaire of its variant.
func TestServeKeepsEvidenceNextToTheDatabase(t *testing.T) {
	url := storetest.URL(t, store.SQLite)
	kv := map[string]string{"KITACERT_DATABASE_URL": url}
	s := startServe(t, kv, "--demo")
	s.token = strings.TrimSpace(cli(t, kv, "", "tokens", "issue", "--email", "leitung.sternstrasse@example.org"))
	_, me := s.get(t, "/api/v1/me")
	_, status := s.get(t, "/api/v1/kitas/"+me["kita_id"].(string)+"/status")
	open, _ := status["open_procedure"].(map[string]any)
	if open == nil || open["state"] != "registered" {
		t.Fatalf("the demo Kita leader has no registered procedure: %v", status)
	}
	id := open["id"].(string)
	if code, q := s.get(t, "/api/v1/procedures/"+id+"/questionnaire"); code != 200 || len(q["items"].([]any)) == 0 {
		t.Fatalf("questionnaire: %d %v", code, q)
	}

	pdf := []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	_ = mw.WriteField("title", "Kooperationsvertrag")
	fw, _ := mw.CreateFormFile("file", "vertrag.pdf")
	_, _ = fw.Write(pdf)
	_ = mw.Close()
	req, _ := http.NewRequest("POST", s.base+"/api/v1/procedures/"+id+"/criteria/1.1/documents", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+s.token)
	r, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	_ = json.NewDecoder(r.Body).Decode(&doc)
	r.Body.Close()
	if r.StatusCode != 201 {
		t.Fatalf("upload: %d %v\n%s", r.StatusCode, doc, s.logs)
	}
	dir := filepath.Join(filepath.Dir(strings.TrimPrefix(url, "sqlite:")), "kitacert-files", "evidence", id)
	files, err := os.ReadDir(dir)
	pdfs := 0
	for _, f := range files {
		if strings.HasSuffix(f.Name(), ".pdf") { // fileblob keeps its attributes beside, in .attrs
			pdfs++
		}
	}
	if err != nil || pdfs != 1 {
		t.Fatalf("blob folder %s: %v %v", dir, files, err)
	}
	req, _ = http.NewRequest("GET", s.base+"/api/v1/documents/"+doc["id"].(string)+"/content", nil)
	req.Header.Set("Authorization", "Bearer "+s.token)
	r, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(r.Body)
	r.Body.Close()
	if r.StatusCode != 200 || !bytes.Equal(got, pdf) || r.Header.Get("Content-Type") != "application/pdf" {
		t.Fatalf("download: %d %q", r.StatusCode, r.Header.Get("Content-Type"))
	}
}
