package filetype

import "strings"

// Type is a document type kitacert accepts.
type Type struct {
	Name      string // "PDF", "JPEG", "PNG", "DOCX", "XLSX", "ODT", "ODS"
	MediaType string // the IANA media type, e.g. "application/pdf"
	Extension string // the usual file name extension with its dot, e.g. ".pdf"
}

// The accepted types, one variable each; Types lists them.
var (
	PDF  = Type{Name: "PDF", MediaType: "application/pdf", Extension: ".pdf"}
	JPEG = Type{Name: "JPEG", MediaType: "image/jpeg", Extension: ".jpg"}
	PNG  = Type{Name: "PNG", MediaType: "image/png", Extension: ".png"}
	DOCX = Type{Name: "DOCX", MediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", Extension: ".docx"}
	XLSX = Type{Name: "XLSX", MediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Extension: ".xlsx"}
	ODT  = Type{Name: "ODT", MediaType: "application/vnd.oasis.opendocument.text", Extension: ".odt"}
	ODS  = Type{Name: "ODS", MediaType: "application/vnd.oasis.opendocument.spreadsheet", Extension: ".ods"}
)

// Types lists the accepted types in the order PDF, JPEG, PNG, DOCX, XLSX, ODT, ODS.
var Types = []Type{PDF, JPEG, PNG, DOCX, XLSX, ODT, ODS}

// AllowedList returns the names of the accepted types as a German enumeration,
// "PDF, JPEG, PNG, DOCX, XLSX, ODT und ODS".
func AllowedList() string {
	names := make([]string, len(Types))
	for i, t := range Types {
		names[i] = t.Name
	}
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " und " + names[len(names)-1]
}
