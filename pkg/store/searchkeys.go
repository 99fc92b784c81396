package store

import (
	"context"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/kitacert/kitacert/pkg/cert"
)

// migrationSteps are steps in Go that run after the SQL of the migration with that name,
// in its transaction: for data that SQL cannot compute on every dialect. They are keyed
// by name, not number, so that a renumbered migration keeps its step.
var migrationSteps = map[string]func(tx *gorm.DB) error{
	"search_keys": rebuildSearchKeys,
}

// searchTables are the tables whose rows carry a search_name made from their name.
var searchTables = []string{"youth_offices", "providers", "kitas", "centers", "contacts"}

// RebuildSearchKeys rewrites search_name of every row from its name with the current
// cert.SearchKey; the migration "search_keys" runs it once. It is safe to run again.
func (db *DB) RebuildSearchKeys(ctx context.Context) error {
	return db.gorm.WithContext(ctx).Transaction(rebuildSearchKeys)
}

func rebuildSearchKeys(tx *gorm.DB) error {
	type named struct {
		ID         uuid.UUID
		Name       string
		SearchName string
	}
	for _, table := range searchTables {
		var batch []named
		err := tx.Table(table).Select("id, name, search_name").FindInBatches(&batch, 500, func(b *gorm.DB, _ int) error {
			for _, r := range batch {
				if key := cert.SearchKey(r.Name); key != r.SearchName {
					if err := tx.Table(table).Where("id = ?", r.ID).Update("search_name", key).Error; err != nil {
						return err
					}
				}
			}
			return nil
		}).Error
		if err != nil {
			return err
		}
	}
	return nil
}
