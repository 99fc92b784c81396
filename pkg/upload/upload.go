// Package upload reads document uploads from multipart forms for the API and the pages:
// the file is spooled to a temporary file of bounded size, so that its type can be
// detected from the content before it is stored, and downloads are sent with the
// headers a browser needs (type, attachment name in UTF-8, length, hash).
package upload

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"strings"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/cert"
)

// maxFormField bounds each text field of an upload form.
const maxFormField = 4096

// Spooled is an uploaded file written to a temporary file, so that its type can be
// detected from the content before it is stored.
type Spooled struct {
	File *os.File
	Name string // the client's file name
	Size int64
}

// Close removes the temporary file.
func (s *Spooled) Close() error {
	if s == nil || s.File == nil {
		return nil
	}
	err := s.File.Close()
	return errors.Join(err, os.Remove(s.File.Name()))
}

// ReadForm reads a multipart upload form: the part "file" is spooled to a temporary
// file of at most limit bytes (more: a cert error with code ETOOLARGE from tooLarge), the
// other parts are text fields of at most 4 KB. The caller closes the spooled file.
func ReadForm(mr *multipart.Reader, limit int64, tooLarge func() error) (*Spooled, url.Values, error) {
	fields := url.Values{}
	var file *Spooled
	fail := func(err error) (*Spooled, url.Values, error) {
		_ = file.Close()
		return nil, nil, err
	}
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				return fail(tooLarge())
			}
			return fail(badForm("Das Formular ist unvollständig übertragen worden."))
		}
		name := part.FormName()
		if name == "file" && part.FileName() != "" {
			if file != nil {
				return fail(badForm("Bitte laden Sie eine Datei je Anfrage hoch."))
			}
			f, err := os.CreateTemp("", "kitacert-upload-*")
			if err != nil {
				return fail(fmt.Errorf("spool the upload: %w", err))
			}
			file = &Spooled{File: f, Name: part.FileName()}
			n, err := io.Copy(f, io.LimitReader(part, limit+1))
			file.Size = n
			if err != nil {
				var mbe *http.MaxBytesError
				if errors.As(err, &mbe) {
					return fail(tooLarge())
				}
				return fail(badForm("Die Datei ist unvollständig übertragen worden."))
			}
			if n > limit {
				return fail(tooLarge())
			}
			continue
		}
		b, err := io.ReadAll(io.LimitReader(part, maxFormField+1))
		if err != nil || len(b) > maxFormField {
			return fail(&cert.Error{Code: cert.EINVALID, Message: "Die Eingaben sind unvollständig oder fehlerhaft.",
				Fields: []cert.FieldError{{Field: name, Message: "Ist zu lang."}}})
		}
		fields.Set(name, string(b))
	}
	if file == nil {
		return nil, nil, &cert.Error{Code: cert.EINVALID, Message: "Die Eingaben sind unvollständig oder fehlerhaft.",
			Fields: []cert.FieldError{{Field: "file", Message: "Bitte wählen Sie eine Datei."}}}
	}
	return file, fields, nil
}

// badForm is a refusal of a form that did not arrive whole.
func badForm(msg string) error { return &cert.Error{Code: cert.EINVALID, Message: msg} }

// Parse turns the fields of an upload form and its spooled file into an upload.
func Parse(f *Spooled, fields url.Values) (cert.Upload, error) {
	in := cert.Upload{Title: fields.Get("title"), FileName: f.Name, Size: f.Size, Content: f.File}
	var v cert.Validation
	for _, d := range []struct {
		field string
		to    *cert.Date
	}{{"period_from", &in.PeriodFrom}, {"period_to", &in.PeriodTo}} {
		if s := strings.TrimSpace(fields.Get(d.field)); s != "" {
			day, err := cert.ParseDate(s)
			v.Check(err == nil, d.field, "Bitte ein Datum wie 2027-01-31 angeben.")
			*d.to = day
		}
	}
	if err := v.Err(); err != nil {
		return cert.Upload{}, err
	}
	replaces, err := optionalID("replaces", strings.TrimSpace(fields.Get("replaces")))
	if err != nil {
		return cert.Upload{}, err
	}
	in.Replaces = replaces
	return in, nil
}

// optionalID reads an optional id field of a form.
func optionalID(field, s string) (*uuid.UUID, error) {
	if s == "" {
		return nil, nil
	}
	id, err := uuid.Parse(s)
	if err != nil {
		return nil, &cert.Error{Code: cert.EINVALID, Message: "Die Eingaben sind unvollständig oder fehlerhaft.",
			Fields: []cert.FieldError{{Field: field, Message: "Keine gültige Kennung."}}}
	}
	return &id, nil
}

// Download is a stored file sent to the client: its detected type, its name as an
// attachment (RFC 6266, with the UTF-8 form for umlauts), its length and hash.
type Download struct {
	Body      io.ReadCloser
	MediaType string
	FileName  string
	Size      int64
	SHA256    string
}

// Send writes the download to w.
func (d Download) Send(w http.ResponseWriter) error {
	defer func() { _ = d.Body.Close() }()
	d.Header(w.Header())
	w.WriteHeader(http.StatusOK)
	_, err := io.Copy(w, d.Body)
	return err
}

// Header sets the headers of the download.
func (d Download) Header(h http.Header) {
	h.Set("Content-Type", d.MediaType)
	h.Set("Content-Length", fmt.Sprint(d.Size))
	h.Set("Content-Disposition", ContentDisposition(d.FileName))
	h.Set("X-Content-SHA256", d.SHA256)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "private, no-store")
}

// ContentDisposition is an attachment header for name: an ASCII fallback and the
// UTF-8 name (RFC 5987), so that "Kooperationsvertrag Grünschnabel.pdf" arrives whole.
func ContentDisposition(name string) string {
	if name == "" {
		name = "dokument"
	}
	ascii := strings.Map(func(r rune) rune {
		if r < 0x20 || r > 0x7e || r == '"' || r == '\\' {
			return '_'
		}
		return r
	}, name)
	v := mime.FormatMediaType("attachment", map[string]string{"filename": ascii})
	return v + "; filename*=UTF-8''" + url.PathEscape(name)
}
