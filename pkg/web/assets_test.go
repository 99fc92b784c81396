package web

import (
	"encoding/json"
	"io/fs"
	"os"
	"path"
	"regexp"
	"strings"
	"testing"
)

// TestVendoredAssetsAreComplete: every file a stylesheet names is embedded, nothing is
// loaded from another host, every vendored package has its licence beside it, and
// VERSIONS names exactly the versions pinned in package.json.
func TestVendoredAssetsAreComplete(t *testing.T) {
	a := Assets()
	urls := regexp.MustCompile(`url\(["']?([^"')]+)["']?\)`)
	for _, css := range []string{"kern/kern.min.css", "kern/fonts/fira-sans.css"} {
		b, err := fs.ReadFile(a, css)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range urls.FindAllStringSubmatch(string(b), -1) {
			u := m[1]
			switch {
			case strings.HasPrefix(u, "data:"):
			case strings.Contains(u, "://"), strings.HasPrefix(u, "//"):
				t.Errorf("%s loads %s from elsewhere", css, u)
			default:
				if _, err := fs.Stat(a, path.Join(path.Dir(css), u)); err != nil {
					t.Errorf("%s names %s, which is not embedded", css, u)
				}
			}
		}
	}
	if _, err := fs.Stat(a, "htmx/htmx.min.js"); err != nil {
		t.Error(err)
	}

	var pkg struct{ Dependencies map[string]string }
	raw, err := os.ReadFile("assets/package.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &pkg); err != nil {
		t.Fatal(err)
	}
	versions, err := fs.ReadFile(a, "VERSIONS")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(versions)), "\n")
	if len(lines) != len(pkg.Dependencies) {
		t.Errorf("VERSIONS has %d packages, package.json %d: run make assets", len(lines), len(pkg.Dependencies))
	}
	licences := map[string]string{"@kern-ux/native": "licenses/kern-ux-native.EUPL-1.2.md",
		"@fontsource/fira-sans": "licenses/fira-sans.OFL-1.1.txt", "htmx.org": "licenses/htmx.0BSD.txt"}
	for _, l := range lines {
		f := strings.Fields(l)
		if len(f) != 4 || pkg.Dependencies[f[0]] != f[1] || !strings.HasPrefix(f[3], "sha512-") {
			t.Errorf("VERSIONS line %q does not match package.json (%s): run make assets", l, pkg.Dependencies[f[0]])
			continue
		}
		if st, err := fs.Stat(a, licences[f[0]]); licences[f[0]] == "" || err != nil || st.Size() < 200 {
			t.Errorf("no licence file for %s", f[0])
		}
	}
}

// TestAxeCoreIsPinned: the axe-core of the browser tests is the version package.json pins
// as a dev dependency, with its licence, and stays outside the embedded files.
func TestAxeCoreIsPinned(t *testing.T) {
	var pkg struct{ DevDependencies map[string]string }
	raw, err := os.ReadFile("assets/package.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &pkg); err != nil {
		t.Fatal(err)
	}
	v, err := os.ReadFile("testdata/axe-core/VERSIONS")
	if err != nil {
		t.Fatal(err)
	}
	f := strings.Fields(string(v))
	if len(f) != 4 || f[0] != "axe-core" || f[1] != pkg.DevDependencies["axe-core"] || f[2] != "MPL-2.0" {
		t.Errorf("testdata/axe-core/VERSIONS %q does not match package.json (%s): run make assets", v, pkg.DevDependencies["axe-core"])
	}
	for _, name := range []string{"axe.min.js", "LICENSE.MPL-2.0.txt"} {
		if st, err := os.Stat("testdata/axe-core/" + name); err != nil || st.Size() < 1000 {
			t.Errorf("testdata/axe-core/%s is missing: run make assets", name)
		}
	}
	if _, err := fs.Stat(Assets(), "axe-core"); err == nil {
		t.Error("axe-core is embedded in the binary")
	}
}
