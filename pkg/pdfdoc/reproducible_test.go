package pdfdoc

import (
	"bytes"
	"sync"
	"testing"
	"time"
)

func TestProfileReproducible(t *testing.T) {
	p := sampleProfile()
	first := renderProfile(t, p)
	// Concurrent renderings must neither race nor differ.
	outs := make([][]byte, 4)
	var wg sync.WaitGroup
	for i := range outs {
		wg.Go(func() {
			var buf bytes.Buffer
			if err := RenderProfile(&buf, p, sampleMeta("Qualitätsprofil – "+p.CenterName)); err != nil {
				t.Error(err)
			}
			outs[i] = buf.Bytes()
		})
	}
	wg.Wait()
	for i, out := range outs {
		if !bytes.Equal(first, out) {
			t.Errorf("rendering %d differs from the first (%d and %d bytes)", i, len(out), len(first))
		}
	}
}

func TestCertificateReproducible(t *testing.T) {
	c := sampleCertificate()
	if a, b := renderCertificate(t, c), renderCertificate(t, c); !bytes.Equal(a, b) {
		t.Errorf("two renderings differ (%d and %d bytes)", len(a), len(b))
	}
}

func TestCreatedChangesOutput(t *testing.T) {
	c := sampleCertificate()
	m := sampleMeta("Urkunde")
	var a, b, same bytes.Buffer
	if err := RenderCertificate(&a, c, m); err != nil {
		t.Fatal(err)
	}
	// The same instant in another zone gives the same bytes.
	m.Created = m.Created.In(time.UTC)
	if err := RenderCertificate(&same, c, m); err != nil {
		t.Fatal(err)
	}
	m.Created = m.Created.Add(time.Second)
	if err := RenderCertificate(&b, c, m); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), same.Bytes()) {
		t.Error("the same instant in another time zone changed the output")
	}
	if bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("another creation time gave the same output")
	}
	if !bytes.Contains(a.Bytes(), []byte("/CreationDate (D:20270320083000)")) {
		t.Error("the creation date is not Meta.Created in UTC")
	}
}
