package pdfdoc

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// tool returns the path of a poppler tool. It skips the test when the tool
// is missing, but fails it when CI=true.
func tool(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is missing (install poppler-utils): %v", name, err)
		}
		t.Skipf("%s is missing (install poppler-utils): %v", name, err)
	}
	return path
}

// run runs a poppler tool and returns its standard output.
func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(tool(t, name), args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, stderr.String())
	}
	if stderr.Len() > 0 {
		t.Errorf("%s %v complained:\n%s", name, args, stderr.String())
	}
	return string(out)
}

// writeFile writes a rendered document to the test's temporary directory,
// and also to $PDFDOC_PREVIEW_DIR when that is set.
func writeFile(t *testing.T, name string, b []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("PDFDOC_PREVIEW_DIR"); dir != "" {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return path
}
