package web

import (
	"fmt"

	"github.com/kitacert/kitacert/pkg/cert"
)

// The German names of the master-data codes, in the order the selects offer them.
var (
	providerKindLabels = []option{
		{string(cert.ProviderMunicipal), "Kommunaler Träger"},
		{string(cert.ProviderCatholic), "Katholischer Träger"},
		{string(cert.ProviderProtestant), "Evangelischer Träger"},
		{string(cert.ProviderAWO), "Arbeiterwohlfahrt (AWO)"},
		{string(cert.ProviderDRK), "Deutsches Rotes Kreuz (DRK)"},
		{string(cert.ProviderParitaetischer), "Paritätischer Wohlfahrtsverband"},
		{string(cert.ProviderParentsInitiative), "Elterninitiative"},
		{string(cert.ProviderOther), "Sonstiger Träger"},
	}
	regionLabels = []option{
		{string(cert.RegionRheinland), "Rheinland (LVR)"},
		{string(cert.RegionWestfalenLippe), "Westfalen-Lippe (LWL)"},
	}
	functionLabels = []option{
		{string(cert.FunctionKitaLeader), "Kita-Leitung"},
		{string(cert.FunctionProviderContact), "Ansprechperson beim Träger"},
		{string(cert.FunctionYouthOfficePlanner), "Jugendhilfeplanung"},
		{string(cert.FunctionOther), "Sonstige Funktion"},
	}
	salutationLabels = []option{
		{string(cert.SalutationNone), "keine Anrede"},
		{string(cert.SalutationFrau), "Frau"},
		{string(cert.SalutationHerr), "Herr"},
	}
)

// withEmpty puts the empty choice first.
func withEmpty(empty string, opts []option) []option {
	return append([]option{{"", empty}}, opts...)
}

// labelOf returns the German name of a code among opts (the code when it has none).
func labelOf(opts []option, code string) string {
	for _, o := range opts {
		if o.Value == code {
			return o.Label
		}
	}
	return code
}

// mdLabel names a master-data code in German: provider kinds, regions, contact functions
// and salutations. Templates call it as {{mdLabel .Kind}}.
func mdLabel(v any) string {
	switch c := v.(type) {
	case cert.ProviderKind:
		return labelOf(providerKindLabels, string(c))
	case cert.Region:
		return labelOf(regionLabels, string(c))
	case cert.ContactFunction:
		return labelOf(functionLabels, string(c))
	case cert.Salutation:
		return labelOf(salutationLabels, string(c))
	}
	return fmt.Sprint(v)
}
