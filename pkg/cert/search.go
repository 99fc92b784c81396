package cert

import (
	"strings"
	"unicode"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// Search compares names the way people type them: without regard to case, Unicode form
// (a name sent decomposed, NFD, is found by its composed form) and accents, with ß as ss,
// and with ä, ö, ü as both a, o, u and ae, oe, ue. Both sides are folded in Go, so that
// SQLite (whose lower() folds only ASCII) and PostgreSQL agree.
//
// Each fold maps one character to a fixed string, so a part of a name folds to a part of
// the folded name: substring search stays exact. A name is stored with both umlaut
// spellings (SearchKey); a query is tried in both (SearchTerms).

// diaeresis is the combining mark of ä, ö and ü in decomposed form.
const diaeresis = '\u0308'

var folder = cases.Fold()

// fold returns s decomposed, case-folded and without combining marks; with umlautE an
// umlaut's diaeresis becomes an e (ü → ue) instead of vanishing (ü → u).
func fold(s string, umlautE bool) string {
	s = folder.String(norm.NFD.String(strings.TrimSpace(s)))
	var b strings.Builder
	b.Grow(len(s))
	var prev rune
	for _, r := range s {
		if unicode.Is(unicode.Mn, r) {
			if umlautE && r == diaeresis && strings.ContainsRune("aou", prev) {
				b.WriteByte('e')
			}
			continue
		}
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

// SearchKey is the form in which a name is stored for search: its fold with umlauts as
// a, o, u and, when different, a line feed and its fold with umlauts as ae, oe, ue. (A
// query never contains a line feed, so no match can span both.)
func SearchKey(name string) string {
	plain, withE := fold(name, false), fold(name, true)
	if plain == withE {
		return plain
	}
	return plain + "\n" + withE
}

// SearchTerms are the forms of a query to look for in search keys: one or two distinct
// folds. "Düsseldorf", "dusseldorf" and "duesseldorf" all find "Düsseldorf".
func SearchTerms(q string) []string {
	plain, withE := fold(q, false), fold(q, true)
	if plain == withE {
		return []string{plain}
	}
	return []string{plain, withE}
}
