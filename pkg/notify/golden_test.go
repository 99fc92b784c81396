package notify

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// goldenDir holds every message of the sample notifications as the templates rendered it
// when the payload became typed: a change of payload or data that alters one word of a
// mail fails TestRenderMatchesGolden. KITACERT_UPDATE_GOLDEN=1 rewrites the files after a
// wanted change of a template.
const goldenDir = "testdata/rendered"

// TestRenderMatchesGolden renders the sample of every reminder, with and without the
// optional values, for two recipient roles, and compares subject, text and HTML with the
// files in testdata/rendered.
func TestRenderMatchesGolden(t *testing.T) {
	tr := newTestRenderer(t, "")
	roles := []Role{ToKitaLeader, ToCoordinator} // the payload does not depend on the role
	for _, r := range knownReminders {
		var b strings.Builder
		for _, full := range []bool{true, false} {
			for _, role := range roles {
				n := sampleNotification(r, full)
				n.RecipientRole = role
				if !full {
					n.RecipientName = ""
				}
				m, err := tr.Render(n)
				if err != nil {
					t.Fatalf("%s (full %v, %s): %v", r, full, role, err)
				}
				fmt.Fprintf(&b, "==== full=%v role=%s\nSubject: %s\n---- text\n%s---- html\n%s", full, role, m.Subject, m.Text, m.HTML)
			}
		}
		path := filepath.Join(goldenDir, string(r)+".txt")
		if os.Getenv("KITACERT_UPDATE_GOLDEN") == "1" {
			if err := os.MkdirAll(goldenDir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (KITACERT_UPDATE_GOLDEN=1 writes it)", err)
		}
		if got := b.String(); got != string(want) {
			t.Errorf("%s renders differently from %s:\n%s", r, path, firstDiff(string(want), got))
		}
	}
}

// firstDiff shows the first line where want and got differ.
func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := range max(len(w), len(g)) {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return fmt.Sprintf("line %d:\nwant %q\ngot  %q", i+1, wl, gl)
		}
	}
	return "(equal)"
}
