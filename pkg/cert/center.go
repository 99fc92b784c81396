package cert

import (
	"context"
	"fmt"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
)

// CenterKind tells a single-Kita center from a network (Verbund).
type CenterKind string

// The center kinds.
const (
	CenterSingle  CenterKind = "single"
	CenterNetwork CenterKind = "network"
)

// Valid reports whether k is a known kind.
func (k CenterKind) Valid() bool { return k == CenterSingle || k == CenterNetwork }

// MemberRole is a Kita's role in its center.
type MemberRole string

// The member roles.
const (
	RoleGrantRecipient MemberRole = "grant_recipient" // Zuschussempfänger, exactly one
	RoleContact        MemberRole = "contact"         // Kontakt-Kita, at most one
	RoleMember         MemberRole = "member"
)

// Valid reports whether r is a known role.
func (r MemberRole) Valid() bool {
	return r == RoleGrantRecipient || r == RoleContact || r == RoleMember
}

// Network size limits (domain.md: normally at most 5 Kitas; the ministry can allow more).
const (
	NetworkMinMembers = 2
	NetworkMaxMembers = 5
)

// Center is a Familienzentrum: one Kita, or a network of Kitas certified together.
type Center struct {
	Meta
	Kind                CenterKind
	Name                string
	SizeExceptionReason *string
	Members             []Membership // the active members, oldest first
}

// Membership is a Kita's time in a center; LeftOn is zero while it is active.
type Membership struct {
	ID       uuid.UUID
	CenterID uuid.UUID
	KitaID   uuid.UUID
	KitaName string
	// KitaYouthOfficeID is the youth office of the member Kita (derived, for access checks).
	KitaYouthOfficeID uuid.UUID
	Role              MemberRole
	JoinedOn          Date
	LeftOn            Date
}

// Active reports whether the membership has not ended.
func (m Membership) Active() bool { return m.LeftOn.IsZero() }

// CenterPatch holds the fields a PATCH sent.
type CenterPatch struct {
	Name                *string
	SizeExceptionReason Optional[string]
}

// MemberInput is one member as a client names it.
type MemberInput struct {
	KitaID   uuid.UUID
	Role     MemberRole
	JoinedOn Date // zero: today
}

// CenterFilter selects centers for a list.
type CenterFilter struct {
	Page
	Q             string
	Kind          CenterKind
	KitaID        *uuid.UUID
	YouthOfficeID *uuid.UUID
	Scope         access.Filter // what the caller may see; set by the service
}

// CenterStore persists centers and their memberships.
type CenterStore interface {
	// CreateCenter stores c with c.Members.
	CreateCenter(ctx context.Context, c *Center) error
	// Center returns the center with its active members.
	Center(ctx context.Context, id uuid.UUID) (Center, error)
	Centers(ctx context.Context, f CenterFilter) (List[Center], error)
	// UpdateCenter stores c's own fields if the stored version still is c.Version, then bumps it.
	UpdateCenter(ctx context.Context, c *Center) error
	// Memberships returns a center's memberships, oldest first, ended ones only when asked.
	Memberships(ctx context.Context, centerID uuid.UUID, includePast bool) ([]Membership, error)
	// ActiveMembership returns the active membership of a Kita in any center, or ErrNotFound.
	ActiveMembership(ctx context.Context, kitaID uuid.UUID) (Membership, error)
	// LastLeftOn returns the latest left_on of a Kita's ended memberships, or the zero Date.
	LastLeftOn(ctx context.Context, kitaID uuid.UUID) (Date, error)
	AddMembership(ctx context.Context, m *Membership) error
	// UpdateMembership stores the role and left_on of m.
	UpdateMembership(ctx context.Context, m Membership) error
}

func (c *Center) normalize() {
	c.Name = clean(c.Name)
	if c.SizeExceptionReason != nil {
		r := clean(*c.SizeExceptionReason)
		c.SizeExceptionReason = &r
		if r == "" {
			c.SizeExceptionReason = nil
		}
	}
}

// roleNotAllowed is the message for a member role outside the known ones.
var roleNotAllowed = NotAllowed("grant_recipient (Zuschussempfängerin)", "contact (Kontakt-Kita)", "member (Mitglied)")

// Validate checks the center's own fields.
func (c Center) Validate() error {
	var v Validation
	v.Check(c.Kind.Valid(), "kind", NotAllowed("single (Einzel-Familienzentrum)", "network (Verbund)"))
	checkName(&v, "name", c.Name, 200)
	if c.SizeExceptionReason != nil {
		v.Check(len([]rune(*c.SizeExceptionReason)) <= 1000, "size_exception_reason", "Ist zu lang.")
		v.Check(c.Kind == CenterNetwork, "size_exception_reason", "Nur ein Verbund kann eine Ausnahme von der Größe haben.")
	}
	return v.Err()
}

// CheckComposition checks the active members against the rules of the center's kind:
// a single center has exactly one Kita, the grant recipient; a network has 2 to 5 Kitas
// (more only with a size exception), exactly one grant recipient and at most one contact
// Kita; no Kita appears twice. field is the prefix for field names ("members").
func (c Center) CheckComposition(field string) error {
	var v Validation
	active := 0
	counts := map[MemberRole]int{}
	seen := map[uuid.UUID]bool{}
	for i, m := range c.Members {
		if !m.Active() {
			continue
		}
		active++
		at := fmt.Sprintf("%s[%d]", field, i)
		if !m.Role.Valid() {
			v.Add(at+".role", roleNotAllowed)
		}
		counts[m.Role]++
		if seen[m.KitaID] {
			v.Add(at+".kita_id", "Die Kita ist bereits Mitglied.")
		}
		seen[m.KitaID] = true
	}
	switch c.Kind {
	case CenterSingle:
		v.Check(active == 1, field, "Ein Einzel-Familienzentrum besteht aus genau einer Kita.")
	case CenterNetwork:
		v.Check(active >= NetworkMinMembers, field, "Ein Verbund-Familienzentrum braucht mindestens zwei Kitas.")
		v.Check(active <= NetworkMaxMembers || c.SizeExceptionReason != nil, field,
			"Ein Verbund hat höchstens fünf Kitas; mehr nur mit einer begründeten Ausnahme von der Größe.")
	}
	v.Check(counts[RoleGrantRecipient] == 1, field, "Genau eine Kita muss Zuschussempfängerin sein.")
	v.Check(counts[RoleContact] <= 1, field, "Höchstens eine Kita kann Kontakt-Kita sein.")
	return v.Err()
}

// Apply returns c with the patch applied.
func (p CenterPatch) Apply(c Center) Center {
	setIf(&c.Name, p.Name)
	applyOptional(&c.SizeExceptionReason, p.SizeExceptionReason)
	return c
}
