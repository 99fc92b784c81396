package pdfdoc

import (
	"sync"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
)

// fontFamily is the family name the Go fonts are registered under in fpdf.
const fontFamily = "go"

// Font styles as fpdf spells them.
const (
	regular = ""
	bold    = "B"
)

// addFonts registers Go Regular and Go Bold as embedded UTF-8 fonts.
func addFonts(pdf *fpdf.Fpdf) {
	pdf.AddUTF8FontFromBytes(fontFamily, regular, goregular.TTF)
	pdf.AddUTF8FontFromBytes(fontFamily, bold, gobold.TTF)
}

// parsedFonts parses both fonts once, for the glyph check.
var parsedFonts = sync.OnceValues(func() ([]*sfnt.Font, error) {
	var fonts []*sfnt.Font
	for _, ttf := range [][]byte{goregular.TTF, gobold.TTF} {
		f, err := sfnt.Parse(ttf)
		if err != nil {
			return nil, err
		}
		fonts = append(fonts, f)
	}
	return fonts, nil
})

// glyphChecker tells whether both fonts have a glyph for a rune. It caches
// its answers and is not safe for concurrent use; make one per rendering.
type glyphChecker struct {
	fonts []*sfnt.Font
	buf   sfnt.Buffer
	known map[rune]bool
}

// newGlyphChecker returns a checker over the Go fonts.
func newGlyphChecker() (*glyphChecker, error) {
	fonts, err := parsedFonts()
	if err != nil {
		return nil, err
	}
	return &glyphChecker{fonts: fonts, known: map[rune]bool{}}, nil
}

// has reports whether every font has a glyph for r. Printable ASCII is
// always covered.
func (g *glyphChecker) has(r rune) bool {
	if r >= 0x20 && r < 0x7f {
		return true
	}
	if ok, seen := g.known[r]; seen {
		return ok
	}
	ok := r <= 0xffff // fpdf maps runes to CIDs of the basic multilingual plane only
	for _, f := range g.fonts {
		if !ok {
			break
		}
		idx, err := f.GlyphIndex(&g.buf, r)
		ok = err == nil && idx != 0
	}
	g.known[r] = ok
	return ok
}
