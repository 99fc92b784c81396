package web

// Site holds what the operator of an installation states about itself, shown on the
// legal pages. Empty fields show a German placeholder that says the text is missing.
type Site struct {
	// Operator is the name and postal address of the operator (Impressum, Datenschutz).
	Operator string
	// Imprint is the text of the Impressum (plain text, paragraphs separated by blank lines).
	Imprint string
	// Privacy is the Datenschutzerklärung (plain text, paragraphs separated by blank lines).
	Privacy string
	// FeedbackEmail receives reports of barriers (BITV NRW § 5).
	FeedbackEmail string
}
