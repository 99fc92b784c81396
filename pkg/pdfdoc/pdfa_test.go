package pdfdoc

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"regexp"
	"strconv"
	"testing"
)

func TestPDFAParts(t *testing.T) {
	for name, out := range map[string][]byte{
		"profile":     renderProfile(t, sampleProfile()),
		"certificate": renderCertificate(t, sampleCertificate()),
	} {
		t.Run(name, func(t *testing.T) {
			for _, want := range []string{
				"/OutputIntents [", "/S /GTS_PDFA1", "/OutputConditionIdentifier (sRGB IEC61966-2.1)",
				"/Type /Metadata /Subtype /XML", "/Lang (de-DE)", "/FontFile2 ",
			} {
				if !bytes.Contains(out, []byte(want)) {
					t.Errorf("PDF lacks %q", want)
				}
			}
			for _, bad := range []string{"/SMask", "/CA ", "/ca ", "/JavaScript", "/Encrypt", "/Type1"} {
				if bytes.Contains(out, []byte(bad)) {
					t.Errorf("PDF contains %q", bad)
				}
			}
			checkXMP(t, out)
			checkTrailer(t, out)
		})
	}
}

// checkXMP checks that the XMP packet is well-formed and names PDF/A-2b.
func checkXMP(t *testing.T, out []byte) {
	t.Helper()
	start := bytes.Index(out, []byte("<?xpacket begin="))
	end := bytes.Index(out, []byte(`<?xpacket end="r"?>`))
	if start < 0 || end < start {
		t.Fatal("no XMP packet")
	}
	packet := out[start:end]
	dec := xml.NewDecoder(bytes.NewReader(packet))
	for {
		if _, err := dec.Token(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("XMP is not well-formed: %v", err)
		}
	}
	for _, want := range []string{"<pdfaid:part>2</pdfaid:part>", "<pdfaid:conformance>B</pdfaid:conformance>",
		"<xmp:CreateDate>2027-03-20T08:30:00Z</xmp:CreateDate>", "<xmp:CreatorTool>kitacert</xmp:CreatorTool>",
		"Gütesiegel „Familienzentrum NRW“"} {
		if !bytes.Contains(packet, []byte(want)) {
			t.Errorf("XMP lacks %q", want)
		}
	}
}

// checkTrailer checks that the trailer has an ID and names the information
// dictionary.
func checkTrailer(t *testing.T, out []byte) {
	t.Helper()
	m := regexp.MustCompile(`trailer\n<<\n/Size (\d+)\n/Root \d+ 0 R\n/Info (\d+) 0 R\n/ID \[<([0-9A-F]{32})> <([0-9A-F]{32})>\]\n>>\nstartxref\n`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("unexpected trailer:\n%s", out[bytes.LastIndex(out, []byte("trailer")):])
	}
	size, _ := strconv.Atoi(string(m[1]))
	info, _ := strconv.Atoi(string(m[2]))
	at := bytes.LastIndex(out, []byte("startxref\n")) + len("startxref\n")
	xref, err := xrefOffsets(out, at, size)
	if err != nil {
		t.Fatal(err)
	}
	if !isObject(out, xref, info, "/Title (") {
		t.Errorf("/Info %d is not the information dictionary", info)
	}
	if !bytes.Equal(m[3], m[4]) {
		t.Error("the two parts of the ID differ")
	}
}

func TestFixTrailerRefusesUnknownShape(t *testing.T) {
	for name, in := range map[string]string{
		"empty":         "",
		"no startxref":  "%PDF-1.4\ntrailer\n<<\n/Size 3\n/Root 2 0 R\n>>\n",
		"bad xref":      "%PDF-1.4\n\ntrailer\n<<\n/Size 3\n/Root 2 0 R\n>>\nstartxref\n5\n%%EOF\n",
		"garbage entry": "%PDF-1.4\n\ntrailer\n<<\nhello\n>>\nstartxref\n5\n%%EOF\n",
	} {
		if _, err := fixTrailer([]byte(in)); !errors.Is(err, errLayout) {
			t.Errorf("%s: err = %v, want errLayout", name, err)
		}
	}
}
