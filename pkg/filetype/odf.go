package filetype

import (
	"archive/zip"
	"strings"
)

// maxMimetype bounds the content of an ODF mimetype entry that Detect inflates; the
// longest OpenDocument media type is well below it.
const maxMimetype = 128

// detectODF checks an OpenDocument package whose first entry, mimetype, the caller found.
// The entry must be stored uncompressed and hold exactly the media type of ODT or ODS,
// and the package must hold content.xml.
func detectODF(zr *zip.Reader, mimetype *zip.File) (Type, error) {
	if mimetype.Method != zip.Store {
		return Type{}, &Unsupported{Reason: reasonZip}
	}
	data, ok := readCapped(mimetype, maxMimetype)
	if !ok {
		return Type{}, &Unsupported{Reason: reasonBrokenZip}
	}
	var t Type
	switch string(data) {
	case ODT.MediaType:
		t = ODT
	case ODS.MediaType:
		t = ODS
	default:
		return Type{}, &Unsupported{Reason: reasonZip}
	}
	if findEntry(zr, "content.xml") == nil {
		return Type{}, &Unsupported{Reason: reasonZip}
	}
	return t, nil
}

// findEntry returns the only entry named name (compared without regard to case, as zip
// readers of office suites do), or nil when there is none or more than one.
func findEntry(zr *zip.Reader, name string) *zip.File {
	var found *zip.File
	for _, f := range zr.File {
		if strings.EqualFold(f.Name, name) {
			if found != nil {
				return nil
			}
			found = f
		}
	}
	return found
}
