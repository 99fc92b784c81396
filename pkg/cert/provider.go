package cert

import (
	"context"

	"github.com/google/uuid"
)

// ProviderKind is the kind of Träger.
type ProviderKind string

// The provider kinds of NRW's Kita landscape.
const (
	ProviderMunicipal         ProviderKind = "municipal"
	ProviderCatholic          ProviderKind = "catholic"
	ProviderProtestant        ProviderKind = "protestant"
	ProviderAWO               ProviderKind = "awo"
	ProviderDRK               ProviderKind = "drk"
	ProviderParitaetischer    ProviderKind = "paritaetischer"
	ProviderParentsInitiative ProviderKind = "parents_initiative"
	ProviderOther             ProviderKind = "other"
)

// Valid reports whether k is a known provider kind.
func (k ProviderKind) Valid() bool {
	switch k {
	case ProviderMunicipal, ProviderCatholic, ProviderProtestant, ProviderAWO, ProviderDRK,
		ProviderParitaetischer, ProviderParentsInitiative, ProviderOther:
		return true
	}
	return false
}

// Provider is a Träger that runs one or many Kitas.
type Provider struct {
	Meta
	Name string
	Kind ProviderKind
}

// ProviderPatch holds the fields a PATCH sent.
type ProviderPatch struct {
	Name *string
	Kind *ProviderKind
}

// ProviderFilter selects providers for a list.
type ProviderFilter struct {
	Page
	Q    string
	Kind ProviderKind
}

// ProviderStore persists providers.
type ProviderStore interface {
	CreateProvider(ctx context.Context, p *Provider) error
	Provider(ctx context.Context, id uuid.UUID) (Provider, error)
	Providers(ctx context.Context, f ProviderFilter) (List[Provider], error)
	UpdateProvider(ctx context.Context, p *Provider) error
}

func (p *Provider) normalize() { p.Name = clean(p.Name) }

// Validate checks the rules a provider must satisfy.
func (p Provider) Validate() error {
	var v Validation
	checkName(&v, "name", p.Name, 200)
	v.Check(p.Kind.Valid(), "kind", "Unbekannte Trägerart.")
	return v.Err()
}

// Apply returns p with the patch applied.
func (pp ProviderPatch) Apply(p Provider) Provider {
	setIf(&p.Name, pp.Name)
	setIf(&p.Kind, pp.Kind)
	return p
}
