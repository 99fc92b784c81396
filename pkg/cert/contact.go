package cert

import (
	"context"
	"net/mail"
	"regexp"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
)

// ContactFunction says what a contact person does.
type ContactFunction string

// The contact functions.
const (
	FunctionKitaLeader         ContactFunction = "kita_leader"
	FunctionProviderContact    ContactFunction = "provider_contact"
	FunctionYouthOfficePlanner ContactFunction = "youth_office_planner"
	FunctionOther              ContactFunction = "other"
)

// Valid reports whether f is a known function.
func (f ContactFunction) Valid() bool {
	switch f {
	case FunctionKitaLeader, FunctionProviderContact, FunctionYouthOfficePlanner, FunctionOther:
		return true
	}
	return false
}

// Contact is a named person at a Kita, a provider or a youth office (personal data).
type Contact struct {
	Meta
	Name          string
	Email         string
	Phone         string
	Function      ContactFunction
	KitaID        *uuid.UUID
	ProviderID    *uuid.UUID
	YouthOfficeID *uuid.UUID

	OwnerYouthOfficeID *uuid.UUID // derived: the youth office of the owner (none for providers)
	PersonalHidden     bool       // e-mail and phone were withheld from the caller
}

// ContactPatch holds the fields a PATCH sent; owner ids may be set to null.
type ContactPatch struct {
	Name          *string
	Email         *string
	Phone         *string
	Function      *ContactFunction
	KitaID        Optional[uuid.UUID]
	ProviderID    Optional[uuid.UUID]
	YouthOfficeID Optional[uuid.UUID]
}

// ContactFilter selects contacts for a list.
type ContactFilter struct {
	Page
	Q             string
	KitaID        *uuid.UUID
	ProviderID    *uuid.UUID
	YouthOfficeID *uuid.UUID
	Function      ContactFunction
	Scope         access.Filter // what the caller may see; set by the Service
}

// ContactStore persists contacts.
type ContactStore interface {
	CreateContact(ctx context.Context, c *Contact) error
	Contact(ctx context.Context, id uuid.UUID) (Contact, error)
	Contacts(ctx context.Context, f ContactFilter) (List[Contact], error)
	UpdateContact(ctx context.Context, c *Contact) error
}

var phoneRE = regexp.MustCompile(`^[0-9 +()/-]*$`)

func (c *Contact) normalize() {
	c.Name, c.Email, c.Phone = clean(c.Name), clean(c.Email), clean(c.Phone)
}

// Validate checks the rules a contact must satisfy on its own.
func (c Contact) Validate() error {
	var v Validation
	checkName(&v, "name", c.Name, 200)
	if a, err := mail.ParseAddress(c.Email); err != nil || a.Address != c.Email || len(c.Email) > 254 {
		v.Add("email", "Keine gültige E-Mail-Adresse.")
	}
	v.Check(len(c.Phone) <= 40 && phoneRE.MatchString(c.Phone), "phone", "Erlaubt sind Ziffern, Leerzeichen und + ( ) / -.")
	v.Check(c.Function.Valid(), "function", "Unbekannte Funktion.")
	owners := 0
	for _, id := range []*uuid.UUID{c.KitaID, c.ProviderID, c.YouthOfficeID} {
		if id != nil {
			owners++
		}
	}
	if owners != 1 {
		v.Add("kita_id", "Genau eines von kita_id, provider_id und youth_office_id muss gesetzt sein.")
	}
	return v.Err()
}

// Apply returns c with the patch applied.
func (p ContactPatch) Apply(c Contact) Contact {
	setIf(&c.Name, p.Name)
	setIf(&c.Email, p.Email)
	setIf(&c.Phone, p.Phone)
	setIf(&c.Function, p.Function)
	applyOptional(&c.KitaID, p.KitaID)
	applyOptional(&c.ProviderID, p.ProviderID)
	applyOptional(&c.YouthOfficeID, p.YouthOfficeID)
	return c
}

func applyOptional[T any](dst **T, o Optional[T]) {
	if o.Set {
		*dst = o.Value
	}
}
