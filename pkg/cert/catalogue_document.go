package cert

import "encoding/json"

// The catalogue document: the CatalogueDocument shape of api/openapi.yaml, the form of a
// catalogue file (`kitacert catalogue import FILE`) and what the store keeps. The types
// below define the shape for the strict decoder (catalogue_strictjson.go): every member
// named by a `json` tag is required unless tagged `doc:"optional"`, as in the spec.

// catalogueDoc is a whole catalogue document.
type catalogueDoc struct {
	Version      string     `json:"version"`
	Title        string     `json:"title"`
	Illustrative bool       `json:"illustrative" doc:"optional"`
	Areas        []areaDoc  `json:"areas"`
	Groups       []groupDoc `json:"groups" doc:"optional"`
}

// areaDoc is one area of the document.
type areaDoc struct {
	Code      string         `json:"code"`
	Name      string         `json:"name"`
	Kind      AreaKind       `json:"kind"`
	MinPoints int            `json:"min_points"`
	Criteria  []criterionDoc `json:"criteria"`
}

// criterionDoc is one criterion of an area.
type criterionDoc struct {
	Code   string `json:"code"`
	Text   string `json:"text,omitempty" doc:"optional"`
	Level  Level  `json:"level"`
	Points int    `json:"points"`
	// Variants: the questionnaires the criterion is part of; absent: all four.
	Variants []Variant `json:"variants,omitempty" doc:"optional"`
}

// groupDoc is one group of criteria.
type groupDoc struct {
	Code     string    `json:"code"`
	Rule     GroupRule `json:"rule"`
	Criteria []string  `json:"criteria"`
}

// document renders c in the document's shape; empty lists stay lists, never null.
func (c Catalogue) document() catalogueDoc {
	d := catalogueDoc{Version: c.Version, Title: c.Title, Illustrative: c.Illustrative,
		Areas: make([]areaDoc, len(c.Areas)), Groups: make([]groupDoc, len(c.Groups))}
	for i, a := range c.Areas {
		ad := areaDoc{Code: a.Code, Name: a.Name, Kind: a.Kind, MinPoints: a.MinPoints, Criteria: make([]criterionDoc, len(a.Criteria))}
		for j, cr := range a.Criteria {
			ad.Criteria[j] = criterionDoc(cr)
		}
		d.Areas[i] = ad
	}
	for i, g := range c.Groups {
		members := g.Criteria
		if members == nil {
			members = []string{}
		}
		d.Groups[i] = groupDoc{Code: g.Code, Rule: g.Rule, Criteria: members}
	}
	return d
}

// catalogue turns a decoded document into the domain type.
func (d catalogueDoc) catalogue() Catalogue {
	c := Catalogue{Version: d.Version, Title: d.Title, Illustrative: d.Illustrative}
	for _, a := range d.Areas {
		area := Area{Code: a.Code, Name: a.Name, Kind: a.Kind, MinPoints: a.MinPoints}
		for _, cr := range a.Criteria {
			area.Criteria = append(area.Criteria, Criterion(cr))
		}
		c.Areas = append(c.Areas, area)
	}
	for _, g := range d.Groups {
		c.Groups = append(c.Groups, CriteriaGroup(g))
	}
	return c
}

// MarshalDocument renders c as a catalogue document (the CatalogueDocument shape), the
// form that DecodeCatalogue and ParseCatalogue read back. LoadedAt and LoadedBy are not
// part of the document.
func (c Catalogue) MarshalDocument() ([]byte, error) {
	return json.MarshalIndent(c.document(), "", "  ")
}
