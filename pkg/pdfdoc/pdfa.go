package pdfdoc

import (
	_ "embed"
	"encoding/xml"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

// srgbICC is the sRGB profile of the International Color Consortium; see
// icc/LICENSE.color.org.
//
//go:embed icc/sRGB2014.icc
var srgbICC []byte

// Values written both to the information dictionary and to the XMP metadata.
const (
	creator  = "kitacert"
	producer = "codeberg.org/go-pdf/fpdf"
	language = "de-DE"
)

// addPDFA adds the output intent and the XMP metadata aimed at PDF/A-2b.
func addPDFA(pdf *fpdf.Fpdf, m Meta, created time.Time) {
	pdf.AddOutputIntent(fpdf.OutputIntentType{
		SubtypeIdent:              fpdf.OutputIntent_GTS_PDFA1,
		OutputConditionIdentifier: "sRGB IEC61966-2.1",
		Info:                      "sRGB IEC61966-2.1",
		ICCProfile:                srgbICC,
	})
	pdf.SetXmpMetadata(xmpPacket(m, created))
}

// xmpPacket returns the XMP metadata: the PDF/A identification and the same
// values as the information dictionary.
func xmpPacket(m Meta, created time.Time) []byte {
	date := created.UTC().Format("2006-01-02T15:04:05Z")
	var b strings.Builder
	b.WriteString("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
	b.WriteString(`<x:xmpmeta xmlns:x="adobe:ns:meta/">` + "\n")
	b.WriteString(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` + "\n")
	b.WriteString(`<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">` + "\n")
	b.WriteString("<pdfaid:part>2</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>\n")
	b.WriteString("</rdf:Description>\n")
	b.WriteString(`<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">` + "\n")
	b.WriteString("<dc:format>application/pdf</dc:format>\n")
	b.WriteString(`<dc:title><rdf:Alt><rdf:li xml:lang="x-default">` + esc(m.Title) + "</rdf:li></rdf:Alt></dc:title>\n")
	if m.Subject != "" {
		b.WriteString(`<dc:description><rdf:Alt><rdf:li xml:lang="x-default">` + esc(m.Subject) + "</rdf:li></rdf:Alt></dc:description>\n")
	}
	if m.Author != "" {
		b.WriteString("<dc:creator><rdf:Seq><rdf:li>" + esc(m.Author) + "</rdf:li></rdf:Seq></dc:creator>\n")
	}
	b.WriteString("<dc:language><rdf:Bag><rdf:li>" + language + "</rdf:li></rdf:Bag></dc:language>\n")
	b.WriteString("</rdf:Description>\n")
	b.WriteString(`<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">` + "\n")
	b.WriteString("<xmp:CreatorTool>" + creator + "</xmp:CreatorTool>\n")
	b.WriteString("<xmp:CreateDate>" + date + "</xmp:CreateDate>\n")
	b.WriteString("<xmp:ModifyDate>" + date + "</xmp:ModifyDate>\n")
	b.WriteString("<xmp:MetadataDate>" + date + "</xmp:MetadataDate>\n")
	b.WriteString("</rdf:Description>\n")
	b.WriteString(`<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">` + "\n")
	b.WriteString("<pdf:Producer>" + producer + "</pdf:Producer>\n")
	b.WriteString("</rdf:Description>\n")
	b.WriteString("</rdf:RDF>\n</x:xmpmeta>\n")
	b.WriteString(`<?xpacket end="r"?>`)
	return []byte(b.String())
}

// esc escapes s for XML character data.
func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s)) // a strings.Builder never fails
	return b.String()
}
