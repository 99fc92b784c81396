package store

import (
	"fmt"
	"strings"
	"sync"

	"gorm.io/gorm/schema"

	"github.com/kitacert/kitacert/pkg/cert"
)

// The one statement of a status read (see status.go). It is composed once per dialect
// and shape from the row models, so that a new column of centers, seals or procedures
// is read without touching it; the two dialects differ only in their JSON aggregate.

// statusTarget selects the Kita asked about (or none) and its center, or the center.
const (
	statusTargetKita = `SELECT k.id AS kita_id, k.youth_office_id AS kita_youth_office_id,
  (SELECT m.center_id FROM center_memberships m WHERE m.kita_id = k.id AND m.left_on IS NULL LIMIT 1) AS center_id
  FROM kitas k WHERE k.id = ?`
	statusTargetCenter = `SELECT NULL AS kita_id, NULL AS kita_youth_office_id, c.id AS center_id FROM centers c WHERE c.id = ?`
)

var (
	statusSQLOnce sync.Once
	statusSQLs    map[Dialect][2]string // [kita, center]
)

// statusSQL returns the statement for a Kita's status (forKita) or a center's, with its
// one parameter in the dialect's own form ($1 on PostgreSQL, ? on SQLite): status.go hands
// it to the driver as it is, without gorm's placeholder rewriting.
func statusSQL(d Dialect, forKita bool) string {
	statusSQLOnce.Do(func() {
		statusSQLs = map[Dialect][2]string{}
		for _, d := range []Dialect{SQLite, Postgres} {
			statusSQLs[d] = [2]string{bindStatusSQL(d, composeStatusSQL(d, statusTargetKita)),
				bindStatusSQL(d, composeStatusSQL(d, statusTargetCenter))}
		}
	})
	if forKita {
		return statusSQLs[d][0]
	}
	return statusSQLs[d][1]
}

// bindStatusSQL writes the statement's one placeholder (?) in dialect d's form.
func bindStatusSQL(d Dialect, sql string) string {
	if strings.Count(sql, "?") != 1 {
		panic("store: the status statement must have exactly one placeholder")
	}
	if d == Postgres {
		return strings.Replace(sql, "?", "$1", 1)
	}
	return sql
}

func composeStatusSQL(d Dialect, target string) string {
	members := jsonArray(d, "m.center_id", "m.id", "m.kita_id", "m.role", "m.joined_on", "k.name", "k.youth_office_id") +
		" FROM center_memberships m JOIN kitas k ON k.id = m.kita_id WHERE m.center_id = c.id AND m.left_on IS NULL"
	covered := func(seal string) string {
		return "(SELECT " + jsonArray(d, "sk.kita_id", "k.youth_office_id") +
			" FROM seal_kitas sk JOIN kitas k ON k.id = sk.kita_id WHERE sk.seal_id = " + seal + ".id)"
	}
	cols := []string{"t.kita_id", "t.kita_youth_office_id"}
	cols = append(cols, prefixedColumns(&centerRow{}, "c", "c_")...)
	cols = append(cols, "(SELECT "+members+") AS members")
	cols = append(cols, prefixedColumns(&sealRow{}, "l", "s1_")...)
	cols = append(cols, covered("l")+" AS s1_related")
	cols = append(cols, prefixedColumns(&sealRow{}, "s2", "s2_")...)
	cols = append(cols, covered("s2")+" AS s2_related")
	cols = append(cols, prefixedColumns(&procedureRow{}, "op", "p_")...)
	cols = append(cols, fmt.Sprintf("(SELECT e.fields FROM procedure_events e WHERE e.procedure_id = op.id AND e.action = '%s' "+
		"ORDER BY e.id DESC LIMIT 1) AS p_request_fields", cert.ActRequestEvidence))
	return "WITH t AS (" + target + "),\n" +
		"l AS (SELECT s.* FROM seals s JOIN t ON s.center_id = t.center_id ORDER BY s.valid_until DESC, s.id DESC LIMIT 1),\n" +
		"op AS (SELECT p.* FROM procedures p JOIN t ON p.center_id = t.center_id WHERE p.open LIMIT 1)\n" +
		"SELECT " + strings.Join(cols, ",\n  ") + "\nFROM t\n" +
		"LEFT JOIN centers c ON c.id = t.center_id\n" +
		"LEFT JOIN l ON 1 = 1\n" +
		"LEFT JOIN seals s2 ON s2.id = l.predecessor_id\n" +
		"LEFT JOIN op ON 1 = 1"
}

// jsonArray aggregates the rows into a JSON array of arrays of the given expressions, as
// text: json_agg on PostgreSQL (NULL for no rows), json_group_array on SQLite ("[]").
func jsonArray(d Dialect, exprs ...string) string {
	list := strings.Join(exprs, ", ")
	if d == Postgres {
		return "CAST(json_agg(json_build_array(" + list + ")) AS text)"
	}
	return "json_group_array(json_array(" + list + "))"
}

// prefixedColumns lists the columns of a row model as alias.col AS prefixcol, the names
// gorm scans into a field embedded with embeddedPrefix.
func prefixedColumns(model any, alias, prefix string) []string {
	s, err := schema.Parse(model, &sync.Map{}, schema.NamingStrategy{})
	if err != nil {
		panic(fmt.Sprintf("store: status columns of %T: %v", model, err))
	}
	out := make([]string, len(s.DBNames))
	for i, c := range s.DBNames {
		out[i] = alias + "." + c + " AS " + prefix + c
	}
	return out
}

// StatusSQL returns the statement of a Kita's status read on PostgreSQL with the Kita's
// id as its only parameter ($1), for tools that measure it alone (cmd/kitabench).
func StatusSQL() string {
	return statusSQL(Postgres, true)
}
