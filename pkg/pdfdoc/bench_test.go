package pdfdoc

import (
	"io"
	"testing"
)

func BenchmarkRenderProfile(b *testing.B) {
	p, m := sampleProfile(), sampleMeta("Qualitätsprofil")
	for b.Loop() {
		if err := RenderProfile(io.Discard, p, m); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRenderCertificate(b *testing.B) {
	c, m := sampleCertificate(), sampleMeta("Urkunde")
	for b.Loop() {
		if err := RenderCertificate(io.Discard, c, m); err != nil {
			b.Fatal(err)
		}
	}
}
