package store

import (
	"context"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/kitacert/kitacert/pkg/cert"
)

type centerRow struct {
	MetaRow
	Kind                string
	Name                string
	SearchName          string
	SizeExceptionReason *string
}

func (centerRow) TableName() string { return "centers" }

func (r centerRow) domain() cert.Center {
	return cert.Center{Meta: r.meta(), Kind: cert.CenterKind(r.Kind), Name: r.Name, SizeExceptionReason: r.SizeExceptionReason}
}

type membershipRow struct {
	ID       uuid.UUID `gorm:"primaryKey"`
	CenterID uuid.UUID
	KitaID   uuid.UUID
	Role     string
	JoinedOn cert.Date
	LeftOn   cert.Date
}

func (membershipRow) TableName() string { return "center_memberships" }

// membershipView is a membership row joined with its Kita's name.
// The row is a named, embedded field: gorm ignores anonymous fields of unexported types.
type membershipView struct {
	Row               membershipRow `gorm:"embedded"`
	KitaName          string
	KitaYouthOfficeID uuid.UUID
}

func (v membershipView) domain() cert.Membership {
	r := v.Row
	return cert.Membership{ID: r.ID, CenterID: r.CenterID, KitaID: r.KitaID, KitaName: v.KitaName,
		KitaYouthOfficeID: v.KitaYouthOfficeID, Role: cert.MemberRole(r.Role), JoinedOn: r.JoinedOn, LeftOn: r.LeftOn}
}

func membershipToRow(m cert.Membership) membershipRow {
	return membershipRow{ID: m.ID, CenterID: m.CenterID, KitaID: m.KitaID, Role: string(m.Role), JoinedOn: m.JoinedOn, LeftOn: m.LeftOn}
}

// CreateCenter implements cert.CenterStore.
func (db *DB) CreateCenter(ctx context.Context, c *cert.Center) error {
	return db.InTx(ctx, func(ctx context.Context) error {
		r := centerRow{MetaRow: metaToRow(c.Meta), Kind: string(c.Kind), Name: c.Name, SearchName: cert.SearchKey(c.Name), SizeExceptionReason: c.SizeExceptionReason}
		if err := db.conn(ctx).Create(&r).Error; err != nil {
			return mapError(err)
		}
		for i := range c.Members {
			if err := db.AddMembership(ctx, &c.Members[i]); err != nil {
				return err
			}
		}
		return nil
	})
}

// Center implements cert.CenterStore.
func (db *DB) Center(ctx context.Context, id uuid.UUID) (cert.Center, error) {
	r, err := getRow[centerRow](ctx, db, id)
	if err != nil {
		return cert.Center{}, err
	}
	c := r.domain()
	c.Members, err = db.Memberships(ctx, id, false)
	return c, err
}

// Centers implements cert.CenterStore. Members are loaded with one query for the page.
func (db *DB) Centers(ctx context.Context, f cert.CenterFilter) (cert.List[cert.Center], error) {
	q := whereSearch(db.conn(ctx).Model(&centerRow{}), f.Q)
	if f.Kind != "" {
		q = q.Where("kind = ?", f.Kind)
	}
	if f.KitaID != nil {
		q = q.Where("id IN (?)", db.conn(ctx).Model(&membershipRow{}).Select("center_id").
			Where("kita_id = ? AND left_on IS NULL", *f.KitaID))
	}
	if f.YouthOfficeID != nil {
		q = q.Where("id IN (?)", db.conn(ctx).Table("center_memberships m").Select("m.center_id").
			Joins("JOIN kitas k ON k.id = m.kita_id").Where("k.youth_office_id = ? AND m.left_on IS NULL", *f.YouthOfficeID))
	}
	if f.Scope.YouthOffice != nil {
		q = q.Where("id IN (?)", db.conn(ctx).Table("center_memberships m").Select("m.center_id").
			Joins("JOIN kitas k ON k.id = m.kita_id").Where("k.youth_office_id = ? AND m.left_on IS NULL", *f.Scope.YouthOffice))
	}
	if f.Scope.Kita != nil {
		q = q.Where("id IN (?)", db.conn(ctx).Model(&membershipRow{}).Select("center_id").
			Where("kita_id = ? AND left_on IS NULL", *f.Scope.Kita))
	}
	list, err := listRows(q, f.Page, centerRow.domain, func(r centerRow) uuid.UUID { return r.ID })
	if err != nil || len(list.Items) == 0 {
		return list, err
	}
	ids := make([]uuid.UUID, len(list.Items))
	for i, c := range list.Items {
		ids[i] = c.ID
	}
	var views []membershipView
	if err := db.membershipQuery(ctx).Where("m.center_id IN ? AND m.left_on IS NULL", ids).Find(&views).Error; err != nil {
		return list, mapError(err)
	}
	byCenter := map[uuid.UUID][]cert.Membership{}
	for _, v := range views {
		byCenter[v.Row.CenterID] = append(byCenter[v.Row.CenterID], v.domain())
	}
	for i := range list.Items {
		list.Items[i].Members = byCenter[list.Items[i].ID]
	}
	return list, nil
}

func (db *DB) membershipQuery(ctx context.Context) *gorm.DB {
	return db.conn(ctx).Table("center_memberships m").
		Select("m.id, m.center_id, m.kita_id, m.role, m.joined_on, m.left_on, k.name AS kita_name, k.youth_office_id AS kita_youth_office_id").
		Joins("JOIN kitas k ON k.id = m.kita_id").Order("m.joined_on, m.id")
}

// UpdateCenter implements cert.CenterStore.
func (db *DB) UpdateCenter(ctx context.Context, c *cert.Center) error {
	cols := metaCols(c.Meta)
	cols["name"], cols["search_name"], cols["size_exception_reason"] = c.Name, cert.SearchKey(c.Name), c.SizeExceptionReason
	if err := updateRow(ctx, db, "centers", c.ID, c.Version, cols); err != nil {
		return err
	}
	c.Version++
	return nil
}

// Memberships implements cert.CenterStore.
func (db *DB) Memberships(ctx context.Context, centerID uuid.UUID, includePast bool) ([]cert.Membership, error) {
	q := db.membershipQuery(ctx).Where("m.center_id = ?", centerID)
	if !includePast {
		q = q.Where("m.left_on IS NULL")
	}
	var views []membershipView
	if err := q.Find(&views).Error; err != nil {
		return nil, mapError(err)
	}
	out := make([]cert.Membership, len(views))
	for i, v := range views {
		out[i] = v.domain()
	}
	return out, nil
}

// ActiveMembership implements cert.CenterStore.
func (db *DB) ActiveMembership(ctx context.Context, kitaID uuid.UUID) (cert.Membership, error) {
	var v membershipView
	err := db.membershipQuery(ctx).Where("m.kita_id = ? AND m.left_on IS NULL", kitaID).Take(&v).Error
	return v.domain(), mapError(err)
}

// LastLeftOn implements cert.CenterStore.
func (db *DB) LastLeftOn(ctx context.Context, kitaID uuid.UUID) (cert.Date, error) {
	var last cert.Date
	err := db.conn(ctx).Model(&membershipRow{}).Select("MAX(left_on)").Where("kita_id = ?", kitaID).Scan(&last).Error
	return last, mapError(err)
}

// AddMembership implements cert.CenterStore.
func (db *DB) AddMembership(ctx context.Context, m *cert.Membership) error {
	r := membershipToRow(*m)
	return mapError(db.conn(ctx).Create(&r).Error)
}

// UpdateMembership implements cert.CenterStore.
func (db *DB) UpdateMembership(ctx context.Context, m cert.Membership) error {
	res := db.conn(ctx).Model(&membershipRow{}).Where("id = ?", m.ID).
		Updates(map[string]any{"role": string(m.Role), "left_on": m.LeftOn})
	if res.Error != nil {
		return mapError(res.Error)
	}
	if res.RowsAffected != 1 {
		return cert.ErrNotFound
	}
	return nil
}
