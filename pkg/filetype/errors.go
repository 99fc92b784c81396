package filetype

import "errors"

// Unsupported is the error of Detect for content that is none of the accepted types.
// Its message is German, meant for the person who uploaded the file, and names the
// accepted types.
type Unsupported struct {
	// Reason is a German sentence saying what the content is instead ("Die Datei ist
	// leer."); "" for the general "Der Inhalt der Datei ist kein erlaubter Dateityp."
	Reason string
}

// Error returns the reason and the accepted types, e.g. "Der Inhalt der Datei ist kein
// erlaubter Dateityp. Erlaubt sind PDF, JPEG, PNG, DOCX, XLSX, ODT und ODS."
func (e *Unsupported) Error() string {
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

// Incomplete is the error of Detect for a file of an accepted type that is cut off, such
// as a PDF without its end marker: most likely the upload broke off.
type Incomplete struct {
	Type Type // the type the file starts as
}

// Error returns a German message, e.g. "Die PDF-Datei ist unvollständig. Bitte laden Sie
// die Datei erneut hoch."
func (e *Incomplete) Error() string {
	return "Die " + e.Type.Name + "-Datei ist unvollständig. Bitte laden Sie die Datei erneut hoch."
}

// Refused reports whether err is Detect's verdict on the content (*Unsupported or
// *Incomplete), as opposed to an error reading it.
func Refused(err error) bool {
	var u *Unsupported
	var i *Incomplete
	return errors.As(err, &u) || errors.As(err, &i)
}
