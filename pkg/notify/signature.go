package notify

import (
	"errors"
	"net/mail"
	"strings"
)

// Signature is the signature block under every message: who writes, and how to reach
// them. Every line but the organisation may be empty.
type Signature struct {
	Organisation string   // e.g. "Servicestelle Familienzentren NRW"
	Address      []string // postal address, one line each
	Phone        string
	Email        string
}

// ParseSignature builds a signature from the settings: address lines are separated by
// "|"; blank lines are dropped. The organisation is required (its default is
// KITACERT_MAIL_ORGANISATION's, in kitacert's config).
func ParseSignature(organisation, address, phone, email string) (Signature, error) {
	s := Signature{Organisation: strings.TrimSpace(organisation)}
	if s.Organisation == "" {
		return s, errors.New("want the name of the organisation that signs the e-mails")
	}
	for _, l := range strings.Split(address, "|") {
		if l = strings.TrimSpace(l); l != "" {
			s.Address = append(s.Address, l)
		}
	}
	s.Phone, s.Email = strings.TrimSpace(phone), strings.TrimSpace(email)
	if s.Email != "" {
		if a, err := mail.ParseAddress(s.Email); err != nil || a.Address != s.Email {
			return s, errors.New("want an e-mail address such as servicestelle@example.org")
		}
	}
	return s, nil
}

// SetSignature sets the signature block of every message rendered from now on; call it
// before the renderer is used.
func (tr *TemplateRenderer) SetSignature(s Signature) *TemplateRenderer {
	tr.signature = s
	return tr
}
