package filetype

import (
	"bytes"
	"errors"
	"fmt"
	"io"
)

// headLen is how many leading bytes Detect looks at for the signatures.
const headLen = 64

// pdfTailLen is how far from the end the PDF end marker may be (the specification's 1024
// bytes, which also leaves room for trailing white space some producers add).
const pdfTailLen = 1024

// Signatures.
var (
	pdfMagic  = []byte("%PDF-")
	pdfEOF    = []byte("%%EOF")
	jpegMagic = []byte{0xFF, 0xD8, 0xFF}
	pngMagic  = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR") // signature, then IHDR of length 13
	zipMagic  = []byte("PK\x03\x04")
	ole2Magic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1} // DOC, XLS, PPT, MSG
)

// Detect reads the content (size bytes at r) and returns its type. Content that is none
// of Types, or a PDF that is cut off, gives an *Unsupported error with a German message
// for the uploader (Refused tells it from read errors of r, which are returned wrapped).
// The name of the file plays no part.
func Detect(r io.ReaderAt, size int64) (Type, error) {
	if size < 0 {
		return Type{}, fmt.Errorf("filetype: negative size %d", size)
	}
	if size == 0 {
		return Type{}, &Unsupported{Reason: reasonEmpty}
	}
	tr := &trackingReader{r: r}
	t, err := detect(io.NewSectionReader(tr, 0, size), size)
	if tr.err != nil {
		return Type{}, fmt.Errorf("filetype: read: %w", tr.err)
	}
	return t, err
}

func detect(r *io.SectionReader, size int64) (Type, error) {
	head := make([]byte, min(size, headLen))
	n, _ := r.ReadAt(head, 0)
	head = head[:n]
	switch {
	case bytes.HasPrefix(head, pdfMagic) && len(head) > len(pdfMagic) && isDigit(head[len(pdfMagic)]):
		return detectPDF(r, size)
	case bytes.HasPrefix(head, jpegMagic):
		return JPEG, nil
	case bytes.HasPrefix(head, pngMagic):
		return PNG, nil
	case bytes.HasPrefix(head, zipMagic):
		return detectZip(r, size)
	case bytes.HasPrefix(head, ole2Magic):
		return Type{}, &Unsupported{Reason: reasonLegacy}
	}
	return Type{}, &Unsupported{}
}

// detectPDF checks that a file starting as a PDF has its end marker.
func detectPDF(r *io.SectionReader, size int64) (Type, error) {
	n := min(size, pdfTailLen)
	tail := make([]byte, n)
	m, _ := r.ReadAt(tail, size-n)
	if !bytes.Contains(tail[:m], pdfEOF) {
		return Type{}, &Unsupported{Incomplete: PDF}
	}
	return PDF, nil
}

func isDigit(b byte) bool { return '0' <= b && b <= '9' }

// trackingReader remembers the first error of r other than io.EOF, so that Detect can
// tell a failing reader from content it refuses.
type trackingReader struct {
	r   io.ReaderAt
	err error
}

func (t *trackingReader) ReadAt(p []byte, off int64) (int, error) {
	n, err := t.r.ReadAt(p, off)
	if err != nil && !errors.Is(err, io.EOF) && t.err == nil {
		t.err = err
	}
	return n, err
}
