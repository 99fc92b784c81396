package notify

import "testing"

// TestCenterRef: the article fits wherever "Familienzentrum" stands in the name.
func TestCenterRef(t *testing.T) {
	for _, c := range []struct{ name, want string }{
		{"Familienzentrum Regenbogen", "das Familienzentrum Regenbogen"},
		{"Verbund-Familienzentrum Nord", "das Verbund-Familienzentrum Nord"},
		{"Städtisches Familienzentrum Sonnenschein", "das Städtische Familienzentrum Sonnenschein"},
		{"Katholisches Familienzentrum St. Marien", "das Katholische Familienzentrum St. Marien"},
		{"Evangelisches Verbund-Familienzentrum Süd", "das Evangelische Verbund-Familienzentrum Süd"},
		{"Kita Regenbogen – Familienzentrum", "das Familienzentrum „Kita Regenbogen – Familienzentrum“"},
		{"Kita Sonnenschein", "das Familienzentrum „Kita Sonnenschein“"},
		{"Haus der Familie", "das Familienzentrum „Haus der Familie“"},
	} {
		if got := CenterRef(c.name); got != c.want {
			t.Errorf("CenterRef(%q) = %q, want %q", c.name, got, c.want)
		}
	}
}
