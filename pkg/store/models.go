package store

// rowModels lists one value of every gorm row model; files register theirs in init.
var rowModels = []any{&youthOfficeRow{}, &providerRow{}, &kitaRow{}, &centerRow{}, &membershipRow{}, &contactRow{},
	&userRow{}, &tokenRow{}, &sessionRow{}, &loginAttemptRow{}, &auditRow{}}

// registerRowModels adds row models to the schema test; call it from init.
func registerRowModels(models ...any) { rowModels = append(rowModels, models...) }

// RowModels returns one value of every gorm row model, for the schema test.
func RowModels() []any { return rowModels }
