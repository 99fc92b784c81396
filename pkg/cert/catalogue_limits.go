package cert

import (
	"fmt"
	"regexp"
)

// Limits of a catalogue document and of an assessment, defined once: the validation of a
// catalogue (Catalogue.Validate) and of findings (validateItems) use them, and
// api/openapi.yaml states the same numbers in CatalogueDocument, CatalogueArea, Criterion,
// CriteriaGroup, AssessmentItem and AssessmentPut (pkg/httpapi's
// TestCatalogueLimitsMatchTheSpec fails when the two drift apart).
const (
	MaxCatalogueVersionLen = 20     // characters of a version (it appears in URLs)
	MaxCatalogueTitleLen   = 200    // characters of a catalogue's title
	MaxCatalogueAreas      = 20     // areas per catalogue (at least one)
	MaxAreaCodeLen         = 10     // characters of an area's code
	MaxAreaNameLen         = 200    // characters of an area's name
	MaxAreaMinPoints       = 100000 // an area's minimum points
	MaxAreaCriteria        = 200    // criteria per area
	MaxCriterionCodeLen    = 20     // characters of a criterion's code
	MaxCriterionTextLen    = 2000   // characters of a criterion's text
	MaxCriterionPoints     = 100    // points of one criterion
	MaxCatalogueGroups     = 500    // groups per catalogue
	MaxGroupCodeLen        = 20     // characters of a group's code
	MinGroupCriteria       = 2      // criteria per group, at least
	MaxGroupCriteria       = 20     // criteria per group, at most
	MaxAssessmentItems     = 500    // findings per assessment
	MaxAssessmentNoteSize  = 4000   // characters of a finding's note
)

// CatalogueVersionPattern returns the regular expression a catalogue version matches: 1 to
// MaxCatalogueVersionLen letters, digits, dots, hyphens or underscores. The spec states it
// for the version in the document and in the path.
func CatalogueVersionPattern() string {
	return fmt.Sprintf(`^[A-Za-z0-9._-]{1,%d}$`, MaxCatalogueVersionLen)
}

var catalogueVersionRE = regexp.MustCompile(CatalogueVersionPattern())

// ValidCatalogueVersion reports whether v has the form of a catalogue version (see
// CatalogueVersionPattern).
func ValidCatalogueVersion(v string) bool { return catalogueVersionRE.MatchString(v) }
