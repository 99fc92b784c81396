package store

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
)

var _ cert.StatusStore = (*DB)(nil)

// statusRow is the one row of a status read (status_sql.go). Columns of a missing part
// (no center, no seal, no open procedure) are NULL and leave their row's id nil.
type statusRow struct {
	KitaID            *uuid.UUID
	KitaYouthOfficeID *uuid.UUID
	Center            centerRow `gorm:"embedded;embeddedPrefix:c_"`
	Members           *string
	Latest            sealRow      `gorm:"embedded;embeddedPrefix:s1_"`
	LatestRelated     *string      `gorm:"column:s1_related"`
	Pred              sealRow      `gorm:"embedded;embeddedPrefix:s2_"`
	PredRelated       *string      `gorm:"column:s2_related"`
	Open              procedureRow `gorm:"embedded;embeddedPrefix:p_"`
	OpenRequestFields *string      `gorm:"column:p_request_fields"`
}

// KitaStatusFacts implements cert.StatusStore in one statement.
func (db *DB) KitaStatusFacts(ctx context.Context, kitaID uuid.UUID) (cert.StatusFacts, error) {
	return db.statusFacts(ctx, true, kitaID)
}

// CenterStatusFacts implements cert.StatusStore in one statement.
func (db *DB) CenterStatusFacts(ctx context.Context, centerID uuid.UUID) (cert.StatusFacts, error) {
	return db.statusFacts(ctx, false, centerID)
}

func (db *DB) statusFacts(ctx context.Context, forKita bool, id uuid.UUID) (cert.StatusFacts, error) {
	// Rows and ScanRows rather than Scan: gorm's Scan renders every statement with its
	// values for a trace recorder (regular expressions over the whole text), a tenth of a
	// status read's CPU, whatever the logger then does with it. The statement goes in
	// already bound (statusSQL) rather than through Raw, which copies it byte by byte to
	// find placeholders; it still runs through gorm's callbacks and logger.
	tx := db.conn(ctx)
	q := tx.Raw("")
	q.Statement.SQL.WriteString(statusSQL(db.dialect, forKita))
	q.Statement.Vars = append(q.Statement.Vars, id)
	rows, err := q.Rows()
	if err != nil {
		return cert.StatusFacts{}, mapError(err)
	}
	defer func() { _ = rows.Close() }()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return cert.StatusFacts{}, mapError(err)
		}
		return cert.StatusFacts{}, cert.ErrNotFound
	}
	var r statusRow
	if err := tx.ScanRows(rows, &r); err != nil {
		return cert.StatusFacts{}, mapError(err)
	}
	if err := rows.Close(); err != nil {
		return cert.StatusFacts{}, mapError(err)
	}
	return r.facts()
}

func (r statusRow) facts() (cert.StatusFacts, error) {
	var f cert.StatusFacts
	if r.KitaID != nil && r.KitaYouthOfficeID != nil {
		f.Kita = &cert.StatusKita{ID: *r.KitaID, YouthOfficeID: *r.KitaYouthOfficeID}
	}
	if r.Center.ID == uuid.Nil {
		return f, nil
	}
	c := r.Center.domain()
	members, err := decodeMembers(r.Members)
	if err != nil {
		return f, err
	}
	c.Members = members
	f.Center = &c
	if r.Latest.ID != uuid.Nil {
		if f.Latest, err = statusSeal(r.Latest, r.LatestRelated); err != nil {
			return f, err
		}
	}
	if r.Pred.ID != uuid.Nil {
		if f.Predecessor, err = statusSeal(r.Pred, r.PredRelated); err != nil {
			return f, err
		}
	}
	if r.Open.ID != uuid.Nil {
		p := r.Open.domain()
		p.Related = access.Related{YouthOfficeIDs: []uuid.UUID{p.YouthOfficeID}}
		for _, m := range c.Members {
			p.Related.KitaIDs = append(p.Related.KitaIDs, m.KitaID)
			p.Related.YouthOfficeIDs = append(p.Related.YouthOfficeIDs, m.KitaYouthOfficeID)
		}
		f.Open = &p
		if r.OpenRequestFields != nil {
			var fields map[string]any
			_ = json.Unmarshal([]byte(*r.OpenRequestFields), &fields)
			f.OpenMissing, _ = fields["missing"].(string)
		}
	}
	return f, nil
}

// decodeMembers reads the active members, [center, id, kita, role, joined_on, kita name,
// kita youth office] each, oldest first like Memberships.
func decodeMembers(js *string) ([]cert.Membership, error) {
	var raw [][7]string
	if err := decodeJSON(js, &raw); err != nil {
		return nil, fmt.Errorf("store: status members: %w", err)
	}
	out := make([]cert.Membership, len(raw))
	for i, m := range raw {
		var err error
		out[i].Role, out[i].KitaName = cert.MemberRole(m[3]), m[5]
		for _, e := range []error{scanUUID(m[0], &out[i].CenterID), scanUUID(m[1], &out[i].ID), scanUUID(m[2], &out[i].KitaID),
			out[i].JoinedOn.UnmarshalText([]byte(m[4])), scanUUID(m[6], &out[i].KitaYouthOfficeID)} {
			if e != nil {
				err = e
			}
		}
		if err != nil {
			return nil, fmt.Errorf("store: status members: %w", err)
		}
	}
	slices.SortFunc(out, func(a, b cert.Membership) int {
		if c := a.JoinedOn.Compare(b.JoinedOn); c != 0 {
			return c
		}
		return slices.Compare(a.ID[:], b.ID[:])
	})
	return out, nil
}

// statusSeal is a seal with Related from its coverage, [kita, kita youth office] each.
// The status needs neither coverage periods nor extensions.
func statusSeal(r sealRow, related *string) (*cert.Seal, error) {
	s := r.domain()
	var raw [][2]string
	if err := decodeJSON(related, &raw); err != nil {
		return nil, fmt.Errorf("store: status seal coverage: %w", err)
	}
	for _, c := range raw {
		var k, y uuid.UUID
		if err := scanUUID(c[0], &k); err != nil {
			return nil, err
		}
		if err := scanUUID(c[1], &y); err != nil {
			return nil, err
		}
		if !slices.Contains(s.Related.KitaIDs, k) {
			s.Related.KitaIDs = append(s.Related.KitaIDs, k)
		}
		if !slices.Contains(s.Related.YouthOfficeIDs, y) {
			s.Related.YouthOfficeIDs = append(s.Related.YouthOfficeIDs, y)
		}
	}
	return &s, nil
}

func decodeJSON(js *string, v any) error {
	if js == nil || *js == "" {
		return nil
	}
	return json.Unmarshal([]byte(*js), v)
}

func scanUUID(s string, id *uuid.UUID) error {
	v, err := uuid.Parse(s)
	*id = v
	return err
}
