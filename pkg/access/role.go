// Package access knows who may do what in kitacert: the roles, the principal of a request
// and the one policy table that every check asks. It imports nothing of kitacert, so that
// the domain (pkg/cert) and the accounts (pkg/auth) can both use it.
package access

import (
	"context"

	"github.com/google/uuid"
)

// Role is what a user is to the programme.
type Role string

// The roles (docs/access.md explains them).
const (
	RoleAdmin       Role = "admin"        // operates the installation: users and tokens; reads everything
	RoleCoordinator Role = "coordinator"  // Servicestelle: sees and steers everything
	RoleAssessor    Role = "assessor"     // certification body: reads all, reviews, visits, decides
	RoleYouthOffice Role = "youth_office" // planner at one youth office
	RoleKitaLeader  Role = "kita_leader"  // leader of one Kita
	RoleSystem      Role = "system"       // kitacert itself: the CLI, the demo loader, the scheduler
)

// Roles lists the roles a user can have, in the order of docs/access.md.
var Roles = []Role{RoleAdmin, RoleCoordinator, RoleAssessor, RoleYouthOffice, RoleKitaLeader}

// Valid reports whether r is a role a user can have.
func (r Role) Valid() bool {
	for _, x := range Roles {
		if r == x {
			return true
		}
	}
	return false
}

// Principal is who makes a request.
type Principal struct {
	UserID        uuid.UUID  // uuid.Nil for the system
	Role          Role       //
	YouthOfficeID *uuid.UUID // the scope of a youth_office user
	KitaID        *uuid.UUID // the scope of a kita_leader user
	SessionID     *uuid.UUID // set when the request came with a session cookie
}

// System is the principal of kitacert's own work (CLI, demo data, scheduler).
var System = Principal{Role: RoleSystem}

type principalKey struct{}

// WithPrincipal returns ctx carrying p.
func WithPrincipal(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// From returns the principal of ctx; ok is false for an anonymous context.
func From(ctx context.Context) (Principal, bool) {
	p, ok := ctx.Value(principalKey{}).(Principal)
	return p, ok
}

type requestIDKey struct{}

// WithRequestID returns ctx carrying the request id, for the audit trail.
func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey{}, id)
}

// RequestID returns the request id of ctx, or "".
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}
