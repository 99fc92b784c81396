package demo

import (
	"context"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/auth"
	"github.com/kitacert/kitacert/pkg/cert"
)

// Password is the password of every demo user. Demo users exist only where `serve --demo`
// ran; never use demo mode with real data.
const Password = "kitacert-demo"

// demoUser is one login of the demo data set.
type demoUser struct {
	email, name string
	role        access.Role
	youthOffice string // code of the youth office, for youth_office users
	kita        string // name of the Kita, for kita_leader users
}

var demoUsers = []demoUser{
	{email: "admin@example.org", name: "Demo Administration", role: access.RoleAdmin},
	{email: "koordination@example.org", name: "Demo Servicestelle", role: access.RoleCoordinator},
	{email: "pruefung@example.org", name: "Demo Zertifizierungsstelle", role: access.RoleAssessor},
	{email: "jugendamt.duesseldorf@example.org", name: "Demo Jugendamt Düsseldorf", role: access.RoleYouthOffice, youthOffice: "DEMO-05111000"},
	{email: "leitung.sternstrasse@example.org", name: "Demo Kita-Leitung Sternstraße", role: access.RoleKitaLeader, kita: "Städtische Kita Sternstraße"},
}

// LoadUsers creates one demo user per role (password Password) unless they exist, and
// returns them. ctx must carry the system principal.
func LoadUsers(ctx context.Context, svc *cert.Services, accounts *auth.Service) ([]auth.User, error) {
	out := make([]auth.User, 0, len(demoUsers))
	for _, d := range demoUsers {
		if u, err := accounts.UserByEmail(ctx, d.email); err == nil {
			out = append(out, u)
			continue
		} else if cert.ErrorCode(err) != cert.ENOTFOUND {
			return nil, err
		}
		in := auth.NewUser{Email: d.email, DisplayName: d.name, Role: d.role, Password: Password}
		var err error
		if in.YouthOfficeID, err = demoYouthOffice(ctx, svc, d.youthOffice); err != nil {
			return nil, err
		}
		if in.KitaID, err = demoKita(ctx, svc, d.kita); err != nil {
			return nil, err
		}
		u, err := accounts.CreateUser(ctx, in)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, nil
}

func demoYouthOffice(ctx context.Context, svc *cert.Services, code string) (*uuid.UUID, error) {
	if code == "" {
		return nil, nil
	}
	list, err := svc.YouthOffices.List(ctx, cert.YouthOfficeFilter{Page: cert.Page{Limit: cert.MaxLimit}})
	if err != nil {
		return nil, err
	}
	for _, o := range list.Items {
		if o.Code == code {
			return &o.ID, nil
		}
	}
	return nil, cert.NotFound("Demo-Jugendamt " + code)
}

func demoKita(ctx context.Context, svc *cert.Services, name string) (*uuid.UUID, error) {
	if name == "" {
		return nil, nil
	}
	list, err := svc.Kitas.List(ctx, cert.KitaFilter{Page: cert.Page{Limit: cert.MaxLimit}, Q: name})
	if err != nil {
		return nil, err
	}
	for _, k := range list.Items {
		if k.Name == name {
			return &k.ID, nil
		}
	}
	return nil, cert.NotFound("Demo-Kita " + name)
}
