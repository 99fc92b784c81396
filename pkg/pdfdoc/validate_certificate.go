package pdfdoc

import "fmt"

// validateCertificate refuses a certificate that would give a broken document.
// Whether it fits on one page is checked while laying it out.
func validateCertificate(crt Certificate, m Meta) error {
	c, err := newChecker()
	if err != nil {
		return err
	}
	c.meta(m)
	c.required("CenterName", crt.CenterName)
	if len(crt.Kitas) == 0 {
		c.fault("Kitas is empty")
	}
	for i, k := range crt.Kitas {
		c.required(fmt.Sprintf("Kitas[%d]", i), k)
	}
	c.required("CertificationNumber", crt.CertificationNumber)
	c.required("ValidFrom", crt.ValidFrom)
	c.required("ValidUntil", crt.ValidUntil)
	c.required("IssuedOn", crt.IssuedOn)
	c.required("Issuer", crt.Issuer)
	c.required("Awarder", crt.Awarder)
	return c.err("certificate")
}
