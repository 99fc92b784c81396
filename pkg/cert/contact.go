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

// Salutation is how a contact is addressed in letters: "Sehr geehrte Frau …",
// "Sehr geehrter Herr …"; none gives "Guten Tag …".
type Salutation string

// The salutations.
const (
	SalutationNone Salutation = ""
	SalutationFrau Salutation = "frau"
	SalutationHerr Salutation = "herr"
)

// Valid reports whether s is a known salutation (or none).
func (s Salutation) Valid() bool {
	return s == SalutationNone || s == SalutationFrau || s == SalutationHerr
}

// Contact is a named person at a Kita, a provider or a youth office (personal data).
type Contact struct {
	Meta
	Name          string
	Email         string
	Phone         string
	Function      ContactFunction
	Salutation    Salutation // how letters address the person; none: "Guten Tag …"
	Title         string     // an academic title before the name in letters, e.g. "Dr."; may be empty
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
	Salutation    Optional[Salutation] // null: none
	Title         *string
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
	Scope         access.Filter // what the caller may see; set by the service
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
	c.Name, c.Email, c.Phone, c.Title = clean(c.Name), clean(c.Email), clean(c.Phone), clean(c.Title)
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
	v.Check(c.Salutation.Valid(), "salutation", NotAllowed("frau (Frau)", "herr (Herr)", " (keine Anrede)"))
	v.Check(len([]rune(c.Title)) <= 40, "title", "Höchstens 40 Zeichen.")
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
	setIf(&c.Title, p.Title)
	if p.Salutation.Set {
		c.Salutation = SalutationNone
		if p.Salutation.Value != nil {
			c.Salutation = *p.Salutation.Value
		}
	}
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
