package pdfdoc

import "fmt"

// validateProfile refuses a profile that would give a broken document.
func validateProfile(p Profile, m Meta) error {
	c, err := newChecker()
	if err != nil {
		return err
	}
	c.meta(m)
	c.required("Title", p.Title)
	c.required("CenterName", p.CenterName)
	c.required("CenterKind", p.CenterKind)
	if len(p.Kitas) == 0 {
		c.fault("Kitas is empty")
	}
	for i, k := range p.Kitas {
		c.required(fmt.Sprintf("Kitas[%d].Name", i), k.Name)
		c.text(fmt.Sprintf("Kitas[%d].Address", i), k.Address)
		c.text(fmt.Sprintf("Kitas[%d].Role", i), k.Role)
	}
	c.text("CertificationNumber", p.CertificationNumber)
	c.required("ProcedureKind", p.ProcedureKind)
	c.required("KindergartenYear", p.KindergartenYear)
	c.required("CatalogueVersion", p.CatalogueVersion)
	c.text("CatalogueTitle", p.CatalogueTitle)
	c.required("Outcome", p.Outcome)
	c.required("DecidedOn", p.DecidedOn)
	c.required("Assessor", p.Assessor)
	if len(p.Areas) == 0 {
		c.fault("Areas is empty")
	}
	for i, a := range p.Areas {
		checkArea(c, fmt.Sprintf("Areas[%d]", i), a)
	}
	if p.TotalPoints < 0 {
		c.fault("TotalPoints is negative")
	}
	c.text("Remarks", p.Remarks)
	c.text("Recommendations", p.Recommendations)
	for i, f := range p.VisitFindings {
		c.required(fmt.Sprintf("VisitFindings[%d].Site", i), f.Site)
		c.required(fmt.Sprintf("VisitFindings[%d].Text", i), f.Text)
	}
	if p.Version < 1 {
		c.fault("Version is %d, want >= 1", p.Version)
	}
	c.required("IssuedOn", p.IssuedOn)
	c.required("Issuer", p.Issuer)
	return c.err("profile")
}

// checkArea checks one area and its criteria.
func checkArea(c *checker, field string, a Area) {
	c.required(field+".Code", a.Code)
	c.required(field+".Name", a.Name)
	c.required(field+".Kind", a.Kind)
	if a.Points < 0 || a.MinPoints < 0 {
		c.fault("%s has negative points", field)
	}
	for j, k := range a.Criteria {
		cf := fmt.Sprintf("%s.Criteria[%d]", field, j)
		c.required(cf+".Code", k.Code)
		c.required(cf+".Text", k.Text)
		c.required(cf+".Level", k.Level)
		c.text(cf+".Note", k.Note)
		if k.Points < 0 {
			c.fault("%s.Points is negative", cf)
		}
	}
}
