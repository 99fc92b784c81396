package filetype

import (
	"archive/zip"
	"encoding/binary"
	"io"
)

// reasonBrokenZip is the Unsupported reason for a zip archive Go cannot read.
const reasonBrokenZip = "Die Datei ist ein beschädigtes oder unvollständiges ZIP-Archiv."

// localHeaderLen is the length of a zip local file header without name and extra field.
const localHeaderLen = 30

// detectZip tells DOCX, XLSX, ODT and ODS apart from other zip files. The caller has
// checked that r starts with a local file header.
func detectZip(r *io.SectionReader, size int64) (Type, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return Type{}, &Unsupported{Reason: reasonBrokenZip}
	}
	first, ok := firstEntry(r, zr)
	if ok && first.Name == "mimetype" {
		return detectODF(zr, first)
	}
	return detectOOXML(zr)
}

// firstEntry returns the entry whose local header is at offset 0, the first entry of
// the file (the central directory may list entries in another order).
func firstEntry(r io.ReaderAt, zr *zip.Reader) (*zip.File, bool) {
	var h [localHeaderLen]byte
	if _, err := r.ReadAt(h[:], 0); err != nil {
		return nil, false
	}
	nameLen := int64(binary.LittleEndian.Uint16(h[26:28]))
	extraLen := int64(binary.LittleEndian.Uint16(h[28:30]))
	dataOffset := localHeaderLen + nameLen + extraLen
	name := make([]byte, nameLen)
	if _, err := r.ReadAt(name, localHeaderLen); err != nil {
		return nil, false
	}
	for _, f := range zr.File {
		if f.Name != string(name) {
			continue
		}
		if off, err := f.DataOffset(); err == nil && off == dataOffset {
			return f, true
		}
	}
	return nil, false
}

// readCapped inflates f, refusing more than limit bytes (a zip bomb stops there) and
// content whose checksum does not match.
func readCapped(f *zip.File, limit int64) ([]byte, bool) {
	if f.UncompressedSize64 > uint64(limit) {
		return nil, false
	}
	rc, err := f.Open()
	if err != nil {
		return nil, false
	}
	defer func() { _ = rc.Close() }()
	data, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err != nil || int64(len(data)) > limit {
		return nil, false
	}
	return data, true
}
