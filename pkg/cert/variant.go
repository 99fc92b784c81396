package cert

// Variant is one of the four questionnaire variants of the certification: a single or a
// network center, in an initial certification or a re-certification. The catalogue says
// per criterion which variants it applies to.
type Variant string

// The questionnaire variants.
const (
	VariantSingleInitial          Variant = "single_initial"
	VariantSingleRecertification  Variant = "single_recertification"
	VariantNetworkInitial         Variant = "network_initial"
	VariantNetworkRecertification Variant = "network_recertification"
)

// Variants lists the variants in the order of the questionnaires.
var Variants = []Variant{VariantSingleInitial, VariantSingleRecertification, VariantNetworkInitial, VariantNetworkRecertification}

// Valid reports whether v is a known variant.
func (v Variant) Valid() bool {
	for _, x := range Variants {
		if v == x {
			return true
		}
	}
	return false
}

// Label is the German name of the variant.
func (v Variant) Label() string {
	switch v {
	case VariantSingleInitial:
		return "Einzeleinrichtung, Erstzertifizierung"
	case VariantSingleRecertification:
		return "Einzeleinrichtung, Rezertifizierung"
	case VariantNetworkInitial:
		return "Verbund, Erstzertifizierung"
	case VariantNetworkRecertification:
		return "Verbund, Rezertifizierung"
	}
	return string(v)
}

// VariantOf is the questionnaire variant of a procedure of kind pk for a center of kind ck.
func VariantOf(ck CenterKind, pk ProcedureKind) Variant {
	switch {
	case ck == CenterNetwork && pk == KindRecertification:
		return VariantNetworkRecertification
	case ck == CenterNetwork:
		return VariantNetworkInitial
	case pk == KindRecertification:
		return VariantSingleRecertification
	}
	return VariantSingleInitial
}

// AppliesTo reports whether the criterion is part of the questionnaire of variant v: a
// criterion without variants applies to all four.
func (c Criterion) AppliesTo(v Variant) bool {
	if len(c.Variants) == 0 {
		return true
	}
	for _, x := range c.Variants {
		if x == v {
			return true
		}
	}
	return false
}
