package store

import (
	"context"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/kitacert/kitacert/pkg/cert"
)

type contactRow struct {
	MetaRow
	Name          string
	SearchName    string
	Email         string
	Phone         string
	Function      string
	Salutation    string
	Title         string
	KitaID        *uuid.UUID
	ProviderID    *uuid.UUID
	YouthOfficeID *uuid.UUID
}

func (contactRow) TableName() string { return "contacts" }

// contactView is a contact with the youth office of its owner (own, or its Kita's).
type contactView struct {
	Row                contactRow `gorm:"embedded"`
	OwnerYouthOfficeID *uuid.UUID
}

func (v contactView) domain() cert.Contact {
	r := v.Row
	return cert.Contact{
		Meta: r.meta(), Name: r.Name, Email: r.Email, Phone: r.Phone, Function: cert.ContactFunction(r.Function),
		Salutation: cert.Salutation(r.Salutation), Title: r.Title, KitaID: r.KitaID, ProviderID: r.ProviderID, YouthOfficeID: r.YouthOfficeID, OwnerYouthOfficeID: v.OwnerYouthOfficeID,
	}
}

// contactQuery selects contacts with their owner's youth office.
func (db *DB) contactQuery(ctx context.Context) *gorm.DB {
	return db.conn(ctx).Table("contacts").
		Select("contacts.*, COALESCE(contacts.youth_office_id, k.youth_office_id) AS owner_youth_office_id").
		Joins("LEFT JOIN kitas k ON k.id = contacts.kita_id")
}

func contactToRow(c cert.Contact) contactRow {
	return contactRow{
		MetaRow: metaToRow(c.Meta), Name: c.Name, SearchName: cert.SearchKey(c.Name), Email: c.Email, Phone: c.Phone,
		Function: string(c.Function), Salutation: string(c.Salutation), Title: c.Title, KitaID: c.KitaID, ProviderID: c.ProviderID, YouthOfficeID: c.YouthOfficeID,
	}
}

// CreateContact implements cert.ContactStore.
func (db *DB) CreateContact(ctx context.Context, c *cert.Contact) error {
	r := contactToRow(*c)
	return mapError(db.conn(ctx).Create(&r).Error)
}

// Contact implements cert.ContactStore.
func (db *DB) Contact(ctx context.Context, id uuid.UUID) (cert.Contact, error) {
	var v contactView
	err := db.contactQuery(ctx).Where("contacts.id = ?", id).Take(&v).Error
	return v.domain(), mapError(err)
}

// Contacts implements cert.ContactStore.
func (db *DB) Contacts(ctx context.Context, f cert.ContactFilter) (cert.List[cert.Contact], error) {
	q := db.contactQuery(ctx)
	if f.Q != "" {
		cond, args := searchCond("contacts.search_name", f.Q)
		q = q.Where(cond, args...)
	}
	if f.KitaID != nil {
		q = q.Where("contacts.kita_id = ?", *f.KitaID)
	}
	if f.ProviderID != nil {
		q = q.Where("contacts.provider_id = ?", *f.ProviderID)
	}
	if f.YouthOfficeID != nil {
		q = q.Where("contacts.youth_office_id = ?", *f.YouthOfficeID)
	}
	if f.Function != "" {
		q = q.Where("contacts.function = ?", f.Function)
	}
	if f.Scope.YouthOffice != nil {
		q = q.Where("COALESCE(contacts.youth_office_id, k.youth_office_id) = ?", *f.Scope.YouthOffice)
	}
	if f.Scope.Kita != nil {
		q = q.Where("contacts.kita_id = ?", *f.Scope.Kita)
	}
	return listRows(q, f.Page, contactView.domain, func(v contactView) uuid.UUID { return v.Row.ID }, "contacts.")
}

// UpdateContact implements cert.ContactStore.
func (db *DB) UpdateContact(ctx context.Context, c *cert.Contact) error {
	r := contactToRow(*c)
	cols := metaCols(c.Meta)
	for col, v := range map[string]any{
		"name": r.Name, "search_name": r.SearchName, "email": r.Email, "phone": r.Phone, "function": r.Function,
		"salutation": r.Salutation, "title": r.Title, "kita_id": r.KitaID, "provider_id": r.ProviderID, "youth_office_id": r.YouthOfficeID,
	} {
		cols[col] = v
	}
	if err := updateRow(ctx, db, r.TableName(), c.ID, c.Version, cols); err != nil {
		return err
	}
	c.Version++
	return nil
}
