package cert

import (
	"context"

	"github.com/google/uuid"
)

// Region is the state youth office (Landesjugendamt) in charge.
type Region string

// The two state youth offices of NRW.
const (
	RegionRheinland      Region = "rheinland"       // LVR
	RegionWestfalenLippe Region = "westfalen_lippe" // LWL
)

// Valid reports whether r is a known region.
func (r Region) Valid() bool { return r == RegionRheinland || r == RegionWestfalenLippe }

// YouthOffice is a Jugendamt.
type YouthOffice struct {
	Meta
	Name   string
	Code   string // official code, unique
	Region Region
}

// YouthOfficePatch holds the fields a PATCH sent; nil means "leave as is".
type YouthOfficePatch struct {
	Name   *string
	Code   *string
	Region *Region
}

// YouthOfficeFilter selects youth offices for a list.
type YouthOfficeFilter struct {
	Page
	Q      string
	Region Region
}

// YouthOfficeStore persists youth offices.
type YouthOfficeStore interface {
	CreateYouthOffice(ctx context.Context, o *YouthOffice) error
	YouthOffice(ctx context.Context, id uuid.UUID) (YouthOffice, error)
	YouthOffices(ctx context.Context, f YouthOfficeFilter) (List[YouthOffice], error)
	// UpdateYouthOffice stores o if the stored version still is o.Version, then bumps it.
	UpdateYouthOffice(ctx context.Context, o *YouthOffice) error
}

func (o *YouthOffice) normalize() {
	o.Name, o.Code = clean(o.Name), clean(o.Code)
}

// Validate checks the rules a youth office must satisfy.
func (o YouthOffice) Validate() error {
	var v Validation
	checkName(&v, "name", o.Name, 200)
	checkName(&v, "code", o.Code, 32)
	v.Check(o.Region.Valid(), "region", NotAllowed("rheinland (Rheinland)", "westfalen_lippe (Westfalen-Lippe)"))
	return v.Err()
}

// Apply returns o with the patch applied.
func (p YouthOfficePatch) Apply(o YouthOffice) YouthOffice {
	setIf(&o.Name, p.Name)
	setIf(&o.Code, p.Code)
	setIf(&o.Region, p.Region)
	return o
}

// setIf copies *src into *dst when src is given.
func setIf[T any](dst *T, src *T) {
	if src != nil {
		*dst = *src
	}
}
