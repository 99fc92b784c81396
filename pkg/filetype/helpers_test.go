package filetype_test

import (
	"archive/zip"
	"bytes"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"

	"github.com/kitacert/kitacert/pkg/filetype"
)

// samplePDF is a small, complete PDF written by hand (one empty page).
const samplePDF = "%PDF-1.4\n" +
	"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n" +
	"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n" +
	"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n" +
	"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000058 00000 n \n0000000115 00000 n \n" +
	"trailer << /Size 4 /Root 1 0 R >>\nstartxref\n188\n%%EOF\n"

func sampleImage() image.Image {
	img := image.NewRGBA(image.Rect(0, 0, 4, 3))
	img.Set(1, 1, color.RGBA{R: 200, A: 255})
	return img
}

func pngBytes(t testing.TB) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, sampleImage()); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func jpegBytes(t testing.TB) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, sampleImage(), nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// entry is one file of a zip archive a test writes.
type entry struct {
	name   string
	data   string
	stored bool // uncompressed, with sizes in the local header (as ODF wants its mimetype)
}

func zipBytes(t testing.TB, entries ...entry) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, e := range entries {
		if e.stored {
			w, err := zw.CreateRaw(&zip.FileHeader{
				Name:               e.name,
				Method:             zip.Store,
				CRC32:              crc32.ChecksumIEEE([]byte(e.data)),
				CompressedSize64:   uint64(len(e.data)),
				UncompressedSize64: uint64(len(e.data)),
			})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := w.Write([]byte(e.data)); err != nil {
				t.Fatal(err)
			}
			continue
		}
		w, err := zw.Create(e.name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(e.data)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// contentTypesXML returns a [Content_Types].xml giving part the content type ct.
func contentTypesXML(part, ct string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/` + part + `" ContentType="` + ct + `"/>` +
		`</Types>`
}

func rels(target string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="` + target + `"/>` +
		`</Relationships>`
}

const (
	docxMainType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
	docmMainType = "application/vnd.ms-word.document.macroEnabled.main+xml"
	dotxMainType = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
	xlsxMainType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
)

const wordDocument = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
	`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Konzept</w:t></w:r></w:p></w:body></w:document>`

const workbook = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
	`<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>`

// docxBytes writes a minimal Word document whose main part has the content type ct, with
// extra entries at the end.
func docxBytes(t testing.TB, ct string, extra ...entry) []byte {
	t.Helper()
	entries := []entry{
		{name: "[Content_Types].xml", data: contentTypesXML("word/document.xml", ct)},
		{name: "_rels/.rels", data: rels("word/document.xml")},
		{name: "word/document.xml", data: wordDocument},
	}
	return zipBytes(t, append(entries, extra...)...)
}

func xlsxBytes(t testing.TB) []byte {
	t.Helper()
	return zipBytes(t,
		entry{name: "[Content_Types].xml", data: contentTypesXML("xl/workbook.xml", xlsxMainType)},
		entry{name: "_rels/.rels", data: rels("xl/workbook.xml")},
		entry{name: "xl/workbook.xml", data: workbook},
	)
}

// odfBytes writes a minimal OpenDocument package with the given mimetype entry first.
func odfBytes(t testing.TB, mimetype entry) []byte {
	t.Helper()
	return zipBytes(t,
		mimetype,
		entry{name: "content.xml", data: `<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>`},
		entry{name: "META-INF/manifest.xml", data: `<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>`},
	)
}

func odtBytes(t testing.TB) []byte {
	t.Helper()
	return odfBytes(t, entry{name: "mimetype", data: filetype.ODT.MediaType, stored: true})
}

func odsBytes(t testing.TB) []byte {
	t.Helper()
	return odfBytes(t, entry{name: "mimetype", data: filetype.ODS.MediaType, stored: true})
}
