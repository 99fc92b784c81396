package filetype

import "errors"

// Unsupported is the error of Detect for content kitacert does not accept: none of the
// accepted types, or one of them cut off (Incomplete). Its message is German, meant for
// the person who uploaded the file.
type Unsupported struct {
	// Reason is a German sentence saying what the content is instead ("Die Datei ist
	// leer."); "" for the general "Der Inhalt der Datei ist kein erlaubter Dateityp."
	Reason string
	// Incomplete is the type a cut-off file starts as (a PDF without its end marker: most
	// likely the upload broke off); the zero Type for content of no accepted type.
	Incomplete Type
}

// Error returns the reason and the accepted types, e.g. "Der Inhalt der Datei ist kein
// erlaubter Dateityp. Erlaubt sind PDF, JPEG, PNG, DOCX, XLSX, ODT und ODS."; for a
// cut-off file it asks for the upload again instead: "Die PDF-Datei ist unvollständig.
// Bitte laden Sie die Datei erneut hoch."
func (e *Unsupported) Error() string {
	if e.Incomplete != (Type{}) {
		return "Die " + e.Incomplete.Name + "-Datei ist unvollständig. Bitte laden Sie die Datei erneut hoch."
	}
	reason := e.Reason
	if reason == "" {
		reason = reasonGeneral
	}
	return reason + " Erlaubt sind " + AllowedList() + "."
}

// The reasons of Unsupported.
const (
	reasonGeneral  = "Der Inhalt der Datei ist kein erlaubter Dateityp."
	reasonEmpty    = "Die Datei ist leer."
	reasonZip      = "Die Datei ist ein ZIP-Archiv, aber kein Word-, Excel- oder OpenDocument-Dokument."
	reasonMacros   = "Dokumente mit Makros (etwa DOCM oder XLSM) sind nicht erlaubt."
	reasonTemplate = "Dokumentvorlagen (etwa DOTX oder XLTX) sind nicht erlaubt."
	reasonLegacy   = "Ältere Office-Dateien (DOC, XLS) sind nicht erlaubt; bitte speichern Sie die Datei als DOCX, XLSX oder PDF."
)

// Refused reports whether err is Detect's verdict on the content (an *Unsupported), as
// opposed to an error reading it.
func Refused(err error) bool {
	var u *Unsupported
	return errors.As(err, &u)
}
