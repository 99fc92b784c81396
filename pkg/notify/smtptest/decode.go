package smtptest

import (
	"bytes"
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"strings"
)

// Body returns the message's text parts (plain text and HTML), decoded from their
// transfer encoding, with line ends as "\n" and joined by a blank line, so that tests
// can read what a person reads. A part that cannot be decoded is returned as received.
func (m Message) Body() string {
	msg, err := mail.ReadMessage(bytes.NewReader(m.Data))
	if err != nil {
		return string(m.Data)
	}
	var parts []string
	walkPart(msg.Header.Get("Content-Type"), msg.Header.Get("Content-Transfer-Encoding"), msg.Body, &parts)
	return strings.Join(parts, "\n\n")
}

// walkPart appends the decoded text parts of one MIME part (and its children) to out.
func walkPart(contentType, encoding string, r io.Reader, out *[]string) {
	media, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		media = "text/plain"
	}
	if strings.HasPrefix(media, "multipart/") {
		mr := multipart.NewReader(r, params["boundary"])
		for {
			p, err := mr.NextRawPart()
			if err != nil {
				return
			}
			walkPart(p.Header.Get("Content-Type"), p.Header.Get("Content-Transfer-Encoding"), p, out)
		}
	}
	if !strings.HasPrefix(media, "text/") {
		return
	}
	switch strings.ToLower(encoding) {
	case "quoted-printable":
		r = quotedprintable.NewReader(r)
	case "base64":
		r = base64.NewDecoder(base64.StdEncoding, r)
	}
	b, _ := io.ReadAll(r)
	*out = append(*out, strings.ReplaceAll(string(b), "\r\n", "\n"))
}
