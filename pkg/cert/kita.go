package cert

import (
	"context"
	"regexp"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
)

// Address is a postal address in Germany.
type Address struct {
	Street     string
	PostalCode string // five digits
	City       string
}

// Kita is a day-care centre (Einrichtung).
type Kita struct {
	Meta
	Name          string
	ProviderID    uuid.UUID
	YouthOfficeID uuid.UUID
	Address       Address
	District      string  // Stadtteil or Sozialraum; may be empty
	KibizID       *string // number in KiBiz.web; unique when set
}

// AddressPatch holds the address fields a PATCH sent.
type AddressPatch struct {
	Street     *string
	PostalCode *string
	City       *string
}

// KitaPatch holds the fields a PATCH sent. For KibizID, Set with a nil value removes it.
type KitaPatch struct {
	Name          *string
	ProviderID    *uuid.UUID
	YouthOfficeID *uuid.UUID
	Address       *AddressPatch
	District      *string
	KibizID       Optional[string]
}

// Optional is a PATCH field that may be absent, null or a value.
type Optional[T any] struct {
	Set   bool // the field was sent
	Value *T   // nil: sent as null
}

// KitaFilter selects Kitas for a list.
type KitaFilter struct {
	Page
	Q             string
	YouthOfficeID *uuid.UUID
	ProviderID    *uuid.UUID
	City          string
	IDs           []uuid.UUID   // when non-nil, only these
	Scope         access.Filter // what the caller may see; set by the service
}

// KitaStore persists Kitas.
type KitaStore interface {
	CreateKita(ctx context.Context, k *Kita) error
	Kita(ctx context.Context, id uuid.UUID) (Kita, error)
	Kitas(ctx context.Context, f KitaFilter) (List[Kita], error)
	UpdateKita(ctx context.Context, k *Kita) error
}

var postalCodeRE = regexp.MustCompile(`^[0-9]{5}$`)

func (k *Kita) normalize() {
	k.Name, k.District = clean(k.Name), clean(k.District)
	k.Address.Street, k.Address.PostalCode, k.Address.City = clean(k.Address.Street), clean(k.Address.PostalCode), clean(k.Address.City)
	if k.KibizID != nil {
		id := clean(*k.KibizID)
		k.KibizID = &id
	}
}

// Validate checks the rules a Kita must satisfy on its own (references are checked by Kitas).
func (k Kita) Validate() error {
	var v Validation
	checkName(&v, "name", k.Name, 200)
	v.Check(k.ProviderID != uuid.Nil, "provider_id", "Pflichtfeld.")
	v.Check(k.YouthOfficeID != uuid.Nil, "youth_office_id", "Pflichtfeld.")
	checkName(&v, "address.street", k.Address.Street, 200)
	v.Check(postalCodeRE.MatchString(k.Address.PostalCode), "address.postal_code", "Die Postleitzahl hat genau fünf Ziffern.")
	checkName(&v, "address.city", k.Address.City, 100)
	v.Check(len([]rune(k.District)) <= 100, "district", "Ist zu lang.")
	if k.KibizID != nil {
		checkName(&v, "kibiz_id", *k.KibizID, 32)
	}
	return v.Err()
}

// Apply returns k with the patch applied.
func (p KitaPatch) Apply(k Kita) Kita {
	setIf(&k.Name, p.Name)
	setIf(&k.ProviderID, p.ProviderID)
	setIf(&k.YouthOfficeID, p.YouthOfficeID)
	if p.Address != nil {
		setIf(&k.Address.Street, p.Address.Street)
		setIf(&k.Address.PostalCode, p.Address.PostalCode)
		setIf(&k.Address.City, p.Address.City)
	}
	setIf(&k.District, p.District)
	if p.KibizID.Set {
		k.KibizID = p.KibizID.Value
	}
	return k
}
