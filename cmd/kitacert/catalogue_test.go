package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kitacert/kitacert/pkg/demo"
)

// catalogueCmd runs `kitacert catalogue ARGS` on the SQLite database url and returns
// standard output and the error.
func catalogueCmd(t *testing.T, url, stdin string, args ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	e := env{getenv: envOf(map[string]string{"KITACERT_DATABASE_URL": url}), stdin: strings.NewReader(stdin), stdout: &out, stderr: &errOut}
	err := cmdCatalogue(context.Background(), args, e)
	return out.String(), err
}

func TestCatalogueImport(t *testing.T) {
	dir := t.TempDir()
	url := "sqlite:" + filepath.Join(dir, "kitacert.db")
	file := filepath.Join(dir, "katalog.json")
	if err := os.WriteFile(file, demo.IllustrativeCatalogue(), 0o600); err != nil {
		t.Fatal(err)
	}
	// One-shot commands use an existing database and create none.
	if err := cmdMigrate(context.Background(), nil, env{getenv: envOf(map[string]string{"KITACERT_DATABASE_URL": url}),
		stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard}); err != nil {
		t.Fatal(err)
	}

	out, err := catalogueCmd(t, url, "", "import", file)
	if err != nil {
		t.Fatal(err)
	}
	if want := "created catalogue 2020-illustrativ (illustrative, not the official catalogue): 8 areas, 37 criteria, 3 groups\n"; out != want {
		t.Errorf("first import printed %q, want %q", out, want)
	}
	out, err = catalogueCmd(t, url, string(demo.IllustrativeCatalogue()), "import", "-")
	if err != nil || !strings.HasPrefix(out, "replaced catalogue 2020-illustrativ") {
		t.Errorf("import from standard input: %q, %v", out, err)
	}

	// A broken file names the entry at fault and leaves the database alone.
	broken := strings.Replace(string(demo.IllustrativeCatalogue()), `"criteria": ["1.3", "1.3.1"]`, `"criteria": ["1.3", "1.9"]`, 1)
	if err := os.WriteFile(file, []byte(broken), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = catalogueCmd(t, url, "", "import", file)
	if err == nil || !strings.Contains(err.Error(), "groups[1].criteria[1]") || !strings.Contains(err.Error(), file) {
		t.Errorf("broken file: %v", err)
	}

	for _, args := range [][]string{{}, {"import"}, {"import", "a", "b"}, {"export", file}} {
		if _, err := catalogueCmd(t, url, "", args...); !errors.Is(err, errUsage) {
			t.Errorf("catalogue %v: %v, want a usage error", args, err)
		}
	}
	if _, err := catalogueCmd(t, url, "", "import", filepath.Join(dir, "fehlt.json")); err == nil {
		t.Error("a missing file was accepted")
	}
}
