package filetype_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"hash/crc32"
	"io"
	"strings"
	"testing"

	"github.com/kitacert/kitacert/pkg/filetype"
)

func detect(data []byte) (filetype.Type, error) {
	return filetype.Detect(bytes.NewReader(data), int64(len(data)))
}

func TestDetectAccepted(t *testing.T) {
	cases := []struct {
		name string
		data []byte
		want filetype.Type
	}{
		{"pdf", []byte(samplePDF), filetype.PDF},
		{"pdf with trailing white space", []byte(samplePDF + strings.Repeat("\n", 500)), filetype.PDF},
		{"pdf 2.0", []byte(strings.Replace(samplePDF, "%PDF-1.4", "%PDF-2.0", 1)), filetype.PDF},
		{"jpeg", jpegBytes(t), filetype.JPEG},
		{"png", pngBytes(t), filetype.PNG},
		{"docx", docxBytes(t, docxMainType), filetype.DOCX},
		{"docx content type in other case", docxBytes(t, strings.ToUpper(docxMainType)), filetype.DOCX},
		{"docx typed by Default", zipBytes(t,
			entry{name: "[Content_Types].xml", data: `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
				`<Default Extension="xml" ContentType="` + docxMainType + `"/></Types>`},
			entry{name: "word/document.xml", data: wordDocument}), filetype.DOCX},
		{"xlsx", xlsxBytes(t), filetype.XLSX},
		{"odt", odtBytes(t), filetype.ODT},
		{"ods", odsBytes(t), filetype.ODS},
		{"odt with data descriptor", storedWithDescriptor(t, filetype.ODT.MediaType), filetype.ODT},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := detect(c.data)
			if err != nil {
				t.Fatalf("Detect: %v", err)
			}
			if got != c.want {
				t.Errorf("Detect = %+v, want %+v", got, c.want)
			}
		})
	}
}

// storedWithDescriptor writes an ODF package whose mimetype entry is stored but has its
// sizes in a data descriptor (as archive/zip's CreateHeader writes it).
func storedWithDescriptor(t *testing.T, mediaType string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, e := range []struct{ name, data string }{{"mimetype", mediaType}, {"content.xml", "<x/>"}} {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: e.name, Method: zip.Store})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(w, e.data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestDetectRefused(t *testing.T) {
	docx := docxBytes(t, docxMainType)
	cases := []struct {
		name   string
		data   []byte
		reason string // Unsupported.Reason; "" for the general one
	}{
		{"empty", nil, "Die Datei ist leer."},
		{"text renamed to pdf", []byte("Sehr geehrte Damen und Herren,\nanbei das Konzept."), ""},
		{"html", []byte("<!DOCTYPE html><html><body>%PDF-1.4</body></html>"), ""},
		{"pdf after leading bytes", []byte("\n\n" + samplePDF), ""},
		{"pdf magic without version", []byte("%PDF-x\n%%EOF"), ""},
		{"exe", append([]byte("MZ\x90\x00\x03\x00\x00\x00"), make([]byte, 200)...), ""},
		{"self-extracting exe with a docx inside", append([]byte("MZ\x90\x00"+strings.Repeat("\x00", 60)), docx...), ""},
		{"legacy doc", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 504)...),
			"Ältere Office-Dateien (DOC, XLS) sind nicht erlaubt; bitte speichern Sie die Datei als DOCX, XLSX oder PDF."},
		{"png signature alone", []byte("\x89PNG\r\n\x1a\n"), ""},
		{"gif", []byte("GIF89a\x01\x00\x01\x00"), ""},
		{"zip without content types", zipBytes(t, entry{name: "word/document.xml", data: wordDocument}), reasonZip},
		{"plain zip", zipBytes(t, entry{name: "bericht.txt", data: "Bericht"}), reasonZip},
		{"docx declaring docm", docxBytes(t, docmMainType), reasonMacros},
		{"docx with a vba project", docxBytes(t, docxMainType, entry{name: "word/vbaProject.bin", data: "\xD0\xCF\x11\xE0"}), reasonMacros},
		{"dotx", docxBytes(t, dotxMainType), "Dokumentvorlagen (etwa DOTX oder XLTX) sind nicht erlaubt."},
		{"docx main part with a wrong type", docxBytes(t, "application/xml"), reasonZip},
		{"docx without main part", zipBytes(t,
			entry{name: "[Content_Types].xml", data: contentTypesXML("word/document.xml", docxMainType)}), reasonZip},
		{"docx with content types that are no xml", zipBytes(t,
			entry{name: "[Content_Types].xml", data: "<Types><Override"},
			entry{name: "word/document.xml", data: wordDocument}), reasonZip},
		{"docx with two content types entries", zipBytes(t,
			entry{name: "[Content_Types].xml", data: contentTypesXML("word/document.xml", docxMainType)},
			entry{name: "[content_types].xml", data: contentTypesXML("word/document.xml", docmMainType)},
			entry{name: "word/document.xml", data: wordDocument}), reasonZip},
		{"docx and xlsx at once", zipBytes(t,
			entry{name: "[Content_Types].xml", data: `<Types><Override PartName="/word/document.xml" ContentType="` + docxMainType +
				`"/><Override PartName="/xl/workbook.xml" ContentType="` + xlsxMainType + `"/></Types>`},
			entry{name: "word/document.xml", data: wordDocument},
			entry{name: "xl/workbook.xml", data: workbook}), reasonZip},
		{"truncated docx", docx[:len(docx)/2], reasonBrokenZip},
		{"odt with wrong mimetype", odfBytes(t, entry{name: "mimetype", data: "application/vnd.oasis.opendocument.text-template", stored: true}), reasonZip},
		{"odt with mimetype and a newline", odfBytes(t, entry{name: "mimetype", data: filetype.ODT.MediaType + "\n", stored: true}), reasonZip},
		{"odt with compressed mimetype", odfBytes(t, entry{name: "mimetype", data: filetype.ODT.MediaType}), reasonZip}, // Create deflates
		{"odt with mimetype not first", zipBytes(t,
			entry{name: "content.xml", data: "<x/>"},
			entry{name: "mimetype", data: filetype.ODT.MediaType, stored: true}), reasonZip},
		{"odt without content", zipBytes(t, entry{name: "mimetype", data: filetype.ODT.MediaType, stored: true}), reasonZip},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := detect(c.data)
			var u *filetype.Unsupported
			if !errors.As(err, &u) {
				t.Fatalf("Detect = %+v, %v; want *Unsupported", got, err)
			}
			if u.Reason != c.reason {
				t.Errorf("reason %q, want %q", u.Reason, c.reason)
			}
			if u.Incomplete != (filetype.Type{}) {
				t.Errorf("Incomplete %+v, want none", u.Incomplete)
			}
			if !filetype.Refused(err) {
				t.Errorf("Refused(%v) = false", err)
			}
			if got != (filetype.Type{}) {
				t.Errorf("type %+v next to an error", got)
			}
		})
	}
}

const (
	reasonZip       = "Die Datei ist ein ZIP-Archiv, aber kein Word-, Excel- oder OpenDocument-Dokument."
	reasonMacros    = "Dokumente mit Makros (etwa DOCM oder XLSM) sind nicht erlaubt."
	reasonBrokenZip = "Die Datei ist ein beschädigtes oder unvollständiges ZIP-Archiv."
)

func TestDetectTruncatedPDF(t *testing.T) {
	pdf := []byte(samplePDF)
	for _, data := range [][]byte{pdf[:len(pdf)-8], pdf[:20], []byte("%PDF-1.7")} {
		got, err := detect(data)
		var u *filetype.Unsupported
		if !errors.As(err, &u) || u.Incomplete != filetype.PDF {
			t.Fatalf("Detect(%q…) = %+v, %v; want *Unsupported with Incomplete PDF", data[:8], got, err)
		}
		if want := "Die PDF-Datei ist unvollständig. Bitte laden Sie die Datei erneut hoch."; err.Error() != want {
			t.Errorf("message %q, want %q", err.Error(), want)
		}
		if !filetype.Refused(err) {
			t.Errorf("Refused(%v) = false", err)
		}
	}
	// The end marker counts only near the end.
	far := []byte(samplePDF + strings.Repeat(" ", 1100))
	if _, err := detect(far); !filetype.Refused(err) {
		t.Errorf("PDF with %%%%EOF 1100 bytes before the end: %v, want refused", err)
	}
}

// TestDetectZipBomb checks that Detect does not inflate a huge [Content_Types].xml,
// neither one whose header says so nor one whose header lies about its size.
func TestDetectZipBomb(t *testing.T) {
	huge := strings.Repeat(" ", 4<<20) // beyond the cap; deflates to a few kilobytes
	honest := zipBytes(t,
		entry{name: "[Content_Types].xml", data: contentTypesXML("word/document.xml", docxMainType) + huge},
		entry{name: "word/document.xml", data: wordDocument})

	var compressed bytes.Buffer
	fw, err := flate.NewWriter(&compressed, flate.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	body := contentTypesXML("word/document.xml", docxMainType) + huge
	if _, err := io.WriteString(fw, body); err != nil {
		t.Fatal(err)
	}
	if err := fw.Close(); err != nil {
		t.Fatal(err)
	}
	var lying bytes.Buffer
	zw := zip.NewWriter(&lying)
	w, err := zw.CreateRaw(&zip.FileHeader{
		Name:               "[Content_Types].xml",
		Method:             zip.Deflate,
		CRC32:              crc32.ChecksumIEEE([]byte(body)),
		CompressedSize64:   uint64(compressed.Len()),
		UncompressedSize64: 600, // a lie
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(compressed.Bytes()); err != nil {
		t.Fatal(err)
	}
	w, err = zw.Create("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.WriteString(w, wordDocument); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}

	for name, data := range map[string][]byte{"honest": honest, "lying": lying.Bytes()} {
		if len(data) > 64<<10 {
			t.Fatalf("%s: the bomb is %d bytes, want a small file", name, len(data))
		}
		if got, err := detect(data); !filetype.Refused(err) {
			t.Errorf("%s: Detect = %+v, %v; want refused", name, got, err)
		}
	}
}

// failingReader fails every read.
type failingReader struct{}

var errDisk = errors.New("disk on fire")

func (failingReader) ReadAt([]byte, int64) (int, error) { return 0, errDisk }

func TestDetectReadError(t *testing.T) {
	_, err := filetype.Detect(failingReader{}, 4096)
	if !errors.Is(err, errDisk) {
		t.Fatalf("Detect on a failing reader: %v, want it to wrap the read error", err)
	}
	if filetype.Refused(err) {
		t.Errorf("a read error counts as refused: %v", err)
	}
	if _, err := filetype.Detect(bytes.NewReader(nil), -1); err == nil || filetype.Refused(err) {
		t.Errorf("negative size: %v, want a plain error", err)
	}
}

// TestDetectSizeBeyondContent checks that a size larger than the content (a reader that
// ends early) is refused, not taken for a read error.
func TestDetectSizeBeyondContent(t *testing.T) {
	pdf := []byte(samplePDF)
	if _, err := filetype.Detect(bytes.NewReader(pdf), int64(len(pdf))+4096); !filetype.Refused(err) {
		t.Errorf("Detect with size beyond the content: %v, want refused", err)
	}
}

func TestUnsupportedMessage(t *testing.T) {
	want := "Der Inhalt der Datei ist kein erlaubter Dateityp. Erlaubt sind PDF, JPEG, PNG, DOCX, XLSX, ODT und ODS."
	_, err := detect([]byte("MZ"))
	if err == nil || err.Error() != want {
		t.Errorf("message %v, want %q", err, want)
	}
	_, err = detect(nil)
	if want := "Die Datei ist leer. Erlaubt sind PDF, JPEG, PNG, DOCX, XLSX, ODT und ODS."; err == nil || err.Error() != want {
		t.Errorf("message %v, want %q", err, want)
	}
}

func TestTypesAndAllowedList(t *testing.T) {
	if got, want := filetype.AllowedList(), "PDF, JPEG, PNG, DOCX, XLSX, ODT und ODS"; got != want {
		t.Errorf("AllowedList = %q, want %q", got, want)
	}
	want := []filetype.Type{
		{"PDF", "application/pdf", ".pdf"},
		{"JPEG", "image/jpeg", ".jpg"},
		{"PNG", "image/png", ".png"},
		{"DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"},
		{"XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"},
		{"ODT", "application/vnd.oasis.opendocument.text", ".odt"},
		{"ODS", "application/vnd.oasis.opendocument.spreadsheet", ".ods"},
	}
	if len(filetype.Types) != len(want) {
		t.Fatalf("Types has %d entries, want %d", len(filetype.Types), len(want))
	}
	for i := range want {
		if filetype.Types[i] != want[i] {
			t.Errorf("Types[%d] = %+v, want %+v", i, filetype.Types[i], want[i])
		}
	}
}
