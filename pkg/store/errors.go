package store

import (
	"errors"
	"regexp"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/gorm"
	"modernc.org/sqlite"

	"github.com/kitacert/kitacert/pkg/cert"
)

// uniqueFields maps a unique constraint (PostgreSQL name, or SQLite "table.column") to the
// API field it protects and the German message a client gets.
var uniqueFields = map[string]cert.FieldError{
	"youth_offices_code_key":                 {Field: "code", Message: "Dieser Code ist bereits vergeben."},
	"youth_offices.code":                     {Field: "code", Message: "Dieser Code ist bereits vergeben."},
	"kitas_kibiz_id_key":                     {Field: "kibiz_id", Message: "Diese KiBiz-ID ist bereits vergeben."},
	"kitas.kibiz_id":                         {Field: "kibiz_id", Message: "Diese KiBiz-ID ist bereits vergeben."},
	"center_memberships_active_kita_key":     {Field: "kita_id", Message: "Die Kita gehört bereits zu einem Familienzentrum."},
	"center_memberships.kita_id":             {Field: "kita_id", Message: "Die Kita gehört bereits zu einem Familienzentrum."},
	"center_memberships_grant_recipient_key": {Field: "members", Message: "Das Familienzentrum hat bereits eine Zuschussempfängerin."},
	"center_memberships_contact_key":         {Field: "members", Message: "Das Familienzentrum hat bereits eine Kontakt-Kita."},
	"users_email_key_key":                    {Field: "email", Message: "Für diese E-Mail-Adresse gibt es bereits ein Konto."},
	"users.email_key":                        {Field: "email", Message: "Für diese E-Mail-Adresse gibt es bereits ein Konto."},
}

var sqliteUnique = regexp.MustCompile(`UNIQUE constraint failed: ([a-z_.]+)`)

// ErrorIsConstraint returns the violated unique constraint's name, or "" if err is no
// unique violation.
func ErrorIsConstraint(err error) string {
	var pg *pgconn.PgError
	if errors.As(err, &pg) && pg.Code == "23505" {
		return pg.ConstraintName
	}
	var lite *sqlite.Error
	if errors.As(err, &lite) {
		if m := sqliteUnique.FindStringSubmatch(lite.Error()); m != nil {
			return m[1]
		}
	}
	return ""
}

// mapError turns database errors into cert errors where they have a meaning for clients.
// SQLite reports partial unique indexes by column; where a column has several indexes the
// first entry of uniqueFields for it wins, which is the one the service pre-checks anyway.
func mapError(err error) error {
	if err == nil {
		return nil
	}
	var ce *cert.Error
	if errors.As(err, &ce) {
		return ce
	}
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return cert.ErrNotFound
	}
	if name := ErrorIsConstraint(err); name != "" {
		if fe, ok := uniqueFields[name]; ok {
			return cert.Conflict(fe.Field, fe.Message)
		}
		if strings.HasPrefix(name, "center_memberships.center_id") {
			return cert.Conflict("members", "Die Rolle ist im Familienzentrum bereits vergeben.")
		}
		return cert.Errorf(cert.ECONFLICT, "Ein eindeutiger Wert ist bereits vergeben.")
	}
	return err
}
