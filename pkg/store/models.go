package store

// RowModels returns one value of every gorm row model, for the schema test.
func RowModels() []any {
	return []any{&youthOfficeRow{}, &providerRow{}, &kitaRow{}, &centerRow{}, &membershipRow{}, &contactRow{},
		&userRow{}, &tokenRow{}, &sessionRow{}, &loginAttemptRow{}, &auditRow{}}
}
