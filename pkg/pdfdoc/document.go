package pdfdoc

import (
	"bytes"
	"fmt"
	"io"

	"codeberg.org/go-pdf/fpdf"
)

// Page orientations as fpdf spells them.
const (
	portrait  = "P"
	landscape = "L"
)

// newPDF returns an empty A4 document in millimetres with the metadata, the
// fonts and the PDF/A parts set. Pages break only where the layout says so.
func newPDF(orientation string, m Meta) *fpdf.Fpdf {
	created := m.Created.UTC()
	pdf := fpdf.New(orientation, "mm", "A4", "")
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(created)
	pdf.SetModificationDate(created)
	pdf.SetLang(language)
	pdf.SetTitle(m.Title, true)
	if m.Subject != "" { // an empty one would still be written, as a bare byte order mark
		pdf.SetSubject(m.Subject, true)
	}
	if m.Author != "" {
		pdf.SetAuthor(m.Author, true)
	}
	pdf.SetCreator(creator, true)
	pdf.SetProducer(producer, true)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetDisplayMode("fullpage", "single")
	addFonts(pdf)
	addPDFA(pdf, m, created)
	return pdf
}

// finish writes the document to w, with the trailer fixed.
func finish(w io.Writer, pdf *fpdf.Fpdf) error {
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return fmt.Errorf("pdfdoc: write PDF: %w", err)
	}
	b, err := fixTrailer(buf.Bytes())
	if err != nil {
		return err
	}
	if _, err := w.Write(b); err != nil {
		return fmt.Errorf("pdfdoc: write PDF: %w", err)
	}
	return nil
}
