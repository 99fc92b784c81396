package filetype_test

import (
	"bytes"
	"slices"
	"testing"

	"github.com/kitacert/kitacert/pkg/filetype"
)

// FuzzDetect checks that Detect never panics and answers every input with an accepted
// type or a refusal (a bytes.Reader never fails, so no other error may come).
func FuzzDetect(f *testing.F) {
	seeds := [][]byte{
		nil,
		[]byte(samplePDF),
		[]byte("%PDF-1.4\n"),
		jpegBytes(f),
		pngBytes(f),
		docxBytes(f, docxMainType),
		docxBytes(f, docmMainType),
		xlsxBytes(f),
		odtBytes(f),
		odsBytes(f),
		[]byte("PK\x03\x04"),
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := filetype.Detect(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			if !filetype.Refused(err) {
				t.Fatalf("Detect: %v, want a refusal", err)
			}
			if got != (filetype.Type{}) {
				t.Fatalf("type %+v next to error %v", got, err)
			}
			return
		}
		if !slices.Contains(filetype.Types, got) {
			t.Fatalf("Detect = %+v, not one of Types", got)
		}
	})
}
