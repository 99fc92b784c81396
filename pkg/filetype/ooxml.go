package filetype

import (
	"archive/zip"
	"encoding/xml"
	"path"
	"strings"
)

// maxContentTypes bounds the [Content_Types].xml that Detect inflates; real ones have a
// few kilobytes.
const maxContentTypes = 1 << 20

// The content types of the main parts of OOXML documents.
const (
	docxMain = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
	xlsxMain = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
)

// ooxmlKind is an accepted OOXML type with the name of its main part.
type ooxmlKind struct {
	t           Type
	part        string // the main part's zip entry name
	contentType string // the content type it must be declared with
}

var ooxmlKinds = []ooxmlKind{
	{DOCX, "word/document.xml", docxMain},
	{XLSX, "xl/workbook.xml", xlsxMain},
}

// contentTypes is the root of an OPC package's [Content_Types].xml.
type contentTypes struct {
	XMLName  xml.Name `xml:"Types"`
	Defaults []struct {
		Extension   string `xml:"Extension,attr"`
		ContentType string `xml:"ContentType,attr"`
	} `xml:"Default"`
	Overrides []struct {
		PartName    string `xml:"PartName,attr"`
		ContentType string `xml:"ContentType,attr"`
	} `xml:"Override"`
}

// typeOf returns the content type the package declares for the part with the zip entry
// name entry: its Override, else the Default for its extension.
func (c *contentTypes) typeOf(entry string) string {
	for _, o := range c.Overrides {
		if strings.EqualFold(o.PartName, "/"+entry) {
			return strings.TrimSpace(o.ContentType)
		}
	}
	ext := strings.TrimPrefix(path.Ext(entry), ".")
	for _, d := range c.Defaults {
		if strings.EqualFold(d.Extension, ext) {
			return strings.TrimSpace(d.ContentType)
		}
	}
	return ""
}

// hasMacros reports whether the package declares or holds a VBA project or a
// macro-enabled part.
func (c *contentTypes) hasMacros(zr *zip.Reader) bool {
	macro := func(ct string) bool {
		ct = strings.ToLower(ct)
		return strings.Contains(ct, "macroenabled") || strings.Contains(ct, "vbaproject")
	}
	for _, d := range c.Defaults {
		if macro(d.ContentType) {
			return true
		}
	}
	for _, o := range c.Overrides {
		if macro(o.ContentType) {
			return true
		}
	}
	for _, f := range zr.File {
		if strings.EqualFold(path.Base(f.Name), "vbaProject.bin") {
			return true
		}
	}
	return false
}

// detectOOXML checks for a Word document or an Excel workbook: [Content_Types].xml (read
// with a cap of maxContentTypes) declares the main part with the content type of the plain
// document, the main part is in the archive, and no part is a macro project.
func detectOOXML(zr *zip.Reader) (Type, error) {
	f := findEntry(zr, "[Content_Types].xml")
	if f == nil {
		return Type{}, &Unsupported{Reason: reasonZip}
	}
	data, ok := readCapped(f, maxContentTypes)
	if !ok {
		return Type{}, &Unsupported{Reason: reasonZip}
	}
	var ct contentTypes
	if err := xml.Unmarshal(data, &ct); err != nil {
		return Type{}, &Unsupported{Reason: reasonZip}
	}
	if ct.hasMacros(zr) {
		return Type{}, &Unsupported{Reason: reasonMacros}
	}
	var found []Type
	template := false // a main part is declared as a template
	for _, k := range ooxmlKinds {
		got := ct.typeOf(k.part)
		if got == "" || findEntry(zr, k.part) == nil {
			continue
		}
		if !strings.EqualFold(got, k.contentType) {
			template = template || strings.Contains(strings.ToLower(got), ".template.main+xml")
			continue
		}
		found = append(found, k.t)
	}
	switch {
	case len(found) == 1:
		return found[0], nil
	case len(found) == 0 && template:
		return Type{}, &Unsupported{Reason: reasonTemplate}
	}
	return Type{}, &Unsupported{Reason: reasonZip}
}
