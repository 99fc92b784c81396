package pdfdoc

import (
	"regexp"
	"strings"

	"codeberg.org/go-pdf/fpdf"
)

// blankLines separates paragraphs.
var blankLines = regexp.MustCompile(`\n[ \t]*\n`)

// normalize turns every line break into "\n" and tabs into spaces.
func normalize(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.ReplaceAll(s, "\t", " ")
}

// paragraphs splits s at blank lines and drops empty paragraphs.
func paragraphs(s string) []string {
	var out []string
	for _, p := range blankLines.Split(normalize(s), -1) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// wrap breaks text into lines no wider than width in the current font. A
// line break in text starts a new line; a word wider than width is split.
func wrap(pdf *fpdf.Fpdf, text string, width float64) []string {
	var lines []string
	space := pdf.GetStringWidth(" ")
	for _, para := range strings.Split(normalize(text), "\n") {
		line, lineW := "", 0.0
		for _, word := range strings.Fields(para) {
			wordW := pdf.GetStringWidth(word)
			if line != "" && lineW+space+wordW <= width {
				line, lineW = line+" "+word, lineW+space+wordW
				continue
			}
			if line != "" {
				lines = append(lines, line)
			}
			for wordW > width {
				head, rest := splitWord(pdf, word, width)
				lines = append(lines, head)
				word, wordW = rest, pdf.GetStringWidth(rest)
			}
			line, lineW = word, wordW
		}
		lines = append(lines, line)
	}
	return lines
}

// splitWord returns a head of word (at least one character) that fits into
// width, and the rest: the longest head, or one ending after a slash or
// hyphen in its second half.
func splitWord(pdf *fpdf.Fpdf, word string, width float64) (head, rest string) {
	runes := []rune(word)
	n, w := 0, 0.0
	for n < len(runes) {
		cw := pdf.GetStringWidth(string(runes[n]))
		if n > 0 && w+cw > width {
			break
		}
		n, w = n+1, w+cw
	}
	// Prefer a break after a slash or hyphen, as in a web address.
	for k := n - 1; k > n/2 && n < len(runes); k-- {
		if strings.ContainsRune("/-_.?&=", runes[k-1]) {
			n = k
			break
		}
	}
	return string(runes[:n]), string(runes[n:])
}

// fit shortens s with "…" until it fits into width in the current font.
func fit(pdf *fpdf.Fpdf, s string, width float64) string {
	if pdf.GetStringWidth(s) <= width {
		return s
	}
	runes := []rune(s)
	for len(runes) > 0 {
		runes = runes[:len(runes)-1]
		if t := strings.TrimSpace(string(runes)) + "…"; pdf.GetStringWidth(t) <= width {
			return t
		}
	}
	return ""
}
