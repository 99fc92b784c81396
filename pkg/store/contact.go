package store

import (
	"context"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/cert"
)

type contactRow struct {
	MetaRow
	Name          string
	SearchName    string
	Email         string
	Phone         string
	Function      string
	KitaID        *uuid.UUID
	ProviderID    *uuid.UUID
	YouthOfficeID *uuid.UUID
}

func (contactRow) TableName() string { return "contacts" }

func (r contactRow) domain() cert.Contact {
	return cert.Contact{
		Meta: r.meta(), Name: r.Name, Email: r.Email, Phone: r.Phone, Function: cert.ContactFunction(r.Function),
		KitaID: r.KitaID, ProviderID: r.ProviderID, YouthOfficeID: r.YouthOfficeID,
	}
}

func contactToRow(c cert.Contact) contactRow {
	return contactRow{
		MetaRow: metaToRow(c.Meta), Name: c.Name, SearchName: cert.SearchKey(c.Name), Email: c.Email, Phone: c.Phone,
		Function: string(c.Function), KitaID: c.KitaID, ProviderID: c.ProviderID, YouthOfficeID: c.YouthOfficeID,
	}
}

// CreateContact implements cert.ContactStore.
func (db *DB) CreateContact(ctx context.Context, c *cert.Contact) error {
	r := contactToRow(*c)
	return mapError(db.conn(ctx).Create(&r).Error)
}

// Contact implements cert.ContactStore.
func (db *DB) Contact(ctx context.Context, id uuid.UUID) (cert.Contact, error) {
	r, err := getRow[contactRow](ctx, db, id)
	return r.domain(), err
}

// Contacts implements cert.ContactStore.
func (db *DB) Contacts(ctx context.Context, f cert.ContactFilter) (cert.List[cert.Contact], error) {
	q := whereSearch(db.conn(ctx).Model(&contactRow{}), f.Q)
	if f.KitaID != nil {
		q = q.Where("kita_id = ?", *f.KitaID)
	}
	if f.ProviderID != nil {
		q = q.Where("provider_id = ?", *f.ProviderID)
	}
	if f.YouthOfficeID != nil {
		q = q.Where("youth_office_id = ?", *f.YouthOfficeID)
	}
	if f.Function != "" {
		q = q.Where("function = ?", f.Function)
	}
	return listRows(q, f.Page, contactRow.domain, func(r contactRow) uuid.UUID { return r.ID })
}

// UpdateContact implements cert.ContactStore.
func (db *DB) UpdateContact(ctx context.Context, c *cert.Contact) error {
	r := contactToRow(*c)
	cols := metaCols(c.Meta)
	for col, v := range map[string]any{
		"name": r.Name, "search_name": r.SearchName, "email": r.Email, "phone": r.Phone, "function": r.Function,
		"kita_id": r.KitaID, "provider_id": r.ProviderID, "youth_office_id": r.YouthOfficeID,
	} {
		cols[col] = v
	}
	if err := updateRow(ctx, db, r.TableName(), c.ID, c.Version, cols); err != nil {
		return err
	}
	c.Version++
	return nil
}
