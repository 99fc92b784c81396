package store

import (
	"context"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/kitacert/kitacert/pkg/cert"
)

// MetaRow holds the columns every master-data table shares. gorm must not touch the
// timestamps: the service sets them from its clock.
type MetaRow struct {
	ID         uuid.UUID `gorm:"primaryKey"`
	Version    int
	CreatedAt  time.Time `gorm:"autoCreateTime:false"`
	UpdatedAt  time.Time `gorm:"autoUpdateTime:false"`
	ArchivedAt *time.Time
}

func metaToRow(m cert.Meta) MetaRow {
	return MetaRow{ID: m.ID, Version: m.Version, CreatedAt: m.CreatedAt.UTC(), UpdatedAt: m.UpdatedAt.UTC(), ArchivedAt: utcPtr(m.ArchivedAt)}
}

func (r MetaRow) meta() cert.Meta {
	return cert.Meta{ID: r.ID, Version: r.Version, CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(), ArchivedAt: utcPtr(r.ArchivedAt)}
}

func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

// getRow loads one row by id, or cert.ErrNotFound.
func getRow[R any](ctx context.Context, db *DB, id uuid.UUID) (R, error) {
	var r R
	err := db.conn(ctx).Where("id = ?", id).Take(&r).Error
	return r, mapError(err)
}

// listRows runs q as a page: keyset on id (UUIDv7, so creation order; newest first when
// the page says so), or on (search_name, id) when the page asks for name order and the
// rows have a search_name (sortKeyed); archived rows only when asked.
// An optional table prefix ("contacts.") qualifies the columns in joined queries.
func listRows[R any, T any](q *gorm.DB, p cert.Page, conv func(R) T, id func(R) uuid.UUID, prefix ...string) (cert.List[T], error) {
	t := ""
	if len(prefix) > 0 {
		t = prefix[0]
	}
	if !p.IncludeArchived {
		q = q.Where(t + "archived_at IS NULL")
	}
	cmp, order := " > ?", t+"id"
	switch {
	case p.ByName:
		order = t + "search_name, " + t + "id"
		if p.After != "" {
			q = q.Where("("+t+"search_name > ? OR ("+t+"search_name = ? AND "+t+"id > ?))", p.AfterKey, p.AfterKey, p.After)
		}
	case p.Descending:
		cmp, order = " < ?", t+"id DESC"
	}
	if p.After != "" && !p.ByName {
		q = q.Where(t+"id"+cmp, p.After)
	}
	limit := p.Limit
	if limit <= 0 {
		limit = cert.DefaultLimit
	}
	var rows []R
	if err := q.Order(order).Limit(limit + 1).Find(&rows).Error; err != nil {
		return cert.List[T]{}, mapError(err)
	}
	out := cert.List[T]{Items: make([]T, 0, min(len(rows), limit))}
	for i, r := range rows {
		if i == limit {
			out.NextCursor = cert.EncodeCursor(id(rows[i-1]))
			if k, ok := any(rows[i-1]).(sortKeyed); ok && p.ByName {
				out.NextCursor = cert.EncodeNameCursor(id(rows[i-1]), k.sortKey())
			}
			break
		}
		out.Items = append(out.Items, conv(r))
	}
	return out, nil
}

// sortKeyed is a row that a list may order by name (cert.Page.ByName): its search_name.
type sortKeyed interface{ sortKey() string }

func (r kitaRow) sortKey() string        { return r.SearchName }
func (r providerRow) sortKey() string    { return r.SearchName }
func (r youthOfficeRow) sortKey() string { return r.SearchName }
func (v contactView) sortKey() string    { return v.Row.SearchName }

// whereSearch adds a search for s on search_name (see cert.SearchKey).
func whereSearch(q *gorm.DB, s string) *gorm.DB {
	if s == "" {
		return q
	}
	cond, args := searchCond("search_name", s)
	return q.Where(cond, args...)
}

// searchCond is the condition "column, a search key, contains a fold of s": one LIKE per
// term of cert.SearchTerms, joined with OR, in parentheses.
func searchCond(column, s string) (string, []any) {
	terms := cert.SearchTerms(s)
	conds := make([]string, len(terms))
	args := make([]any, len(terms))
	for i, t := range terms {
		conds[i] = column + ` LIKE ? ESCAPE '\'`
		args[i] = "%" + likeEscape(t) + "%"
	}
	return "(" + strings.Join(conds, " OR ") + ")", args
}

// whereCenterOrNumber matches rows (procedures, seals) whose center's name contains s, as
// every search does, or whose certification number contains it, without regard to case.
func (db *DB) whereCenterOrNumber(ctx context.Context, q *gorm.DB, table, s string) *gorm.DB {
	if s == "" {
		return q
	}
	cond, args := searchCond("search_name", s)
	centers := db.conn(ctx).Model(&centerRow{}).Select("id").Where(cond, args...)
	return q.Where("("+table+".center_id IN (?) OR LOWER("+table+`.certification_number) LIKE ? ESCAPE '\')`,
		centers, "%"+likeEscape(strings.ToLower(strings.TrimSpace(s)))+"%")
}

func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// updateRow writes cols to the row with this id if it still has version, and bumps the
// version. It tells a vanished row (not found) from a moved version (stale).
func updateRow(ctx context.Context, db *DB, table string, id uuid.UUID, version int, cols map[string]any) error {
	cols["version"] = version + 1
	res := db.conn(ctx).Table(table).Where("id = ? AND version = ?", id, version).Updates(cols)
	if res.Error != nil {
		return mapError(res.Error)
	}
	if res.RowsAffected == 1 {
		return nil
	}
	var n int64
	if err := db.conn(ctx).Table(table).Where("id = ?", id).Count(&n).Error; err != nil {
		return mapError(err)
	}
	if n == 0 {
		return cert.ErrNotFound
	}
	return cert.ErrStale
}

// metaCols are the shared columns an update writes.
func metaCols(m cert.Meta) map[string]any {
	return map[string]any{"updated_at": m.UpdatedAt.UTC(), "archived_at": utcPtr(m.ArchivedAt)}
}

// Store is the full implementation of cert.Store.
var _ cert.Store = (*DB)(nil)
