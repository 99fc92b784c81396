package cert

import (
	"context"
	"errors"
	"fmt"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
)

// Memberships lists a center's memberships, the ended ones too when includePast.
func (s *Centers) Memberships(ctx context.Context, centerID uuid.UUID, includePast bool) (Center, []Membership, error) {
	c, err := s.Get(ctx, centerID)
	if err != nil {
		return Center{}, nil, err
	}
	ms, err := s.store.Memberships(ctx, centerID, includePast)
	return c, ms, err
}

// AddMember adds a Kita to a center. A new grant recipient or contact takes the role over
// from its previous holder, who stays as a plain member. The Kita takes over the center's
// seal (Seals.memberJoined).
func (s *Centers) AddMember(ctx context.Context, centerID uuid.UUID, m IfMatch, in MemberInput) (Center, error) {
	var v Validation
	v.Check(in.Role.Valid(), "role", roleNotAllowed)
	today := s.Today()
	if in.JoinedOn.IsZero() {
		in.JoinedOn = today
	}
	v.Check(!in.JoinedOn.After(today), "joined_on", "Darf nicht in der Zukunft liegen.")
	if err := v.Err(); err != nil {
		return Center{}, err
	}
	return s.changeMembers(ctx, "member.add", centerID, m, false, false, func(ctx context.Context, c *Center) error {
		mem := Membership{ID: NewID(), CenterID: c.ID, KitaID: in.KitaID, Role: in.Role, JoinedOn: in.JoinedOn}
		if err := s.checkJoinable(ctx, &mem, "kita_id"); err != nil {
			return err
		}
		if err := stayInScope(ctx, access.CenterWrite, memberRelated(mem), "kita_id"); err != nil {
			return err
		}
		if err := s.handOver(ctx, c, mem.Role, mem.KitaID); err != nil {
			return err
		}
		c.Members = append(c.Members, mem)
		if err := c.CheckComposition("members"); err != nil {
			return asConflict(err)
		}
		if err := s.store.AddMembership(ctx, &mem); err != nil {
			return err
		}
		if err := s.seals.memberJoined(ctx, c.ID, mem.KitaID, mem.JoinedOn); err != nil {
			return fmt.Errorf("seal coverage of kita %s: %w", mem.KitaID, err)
		}
		return nil
	})
}

// SetMemberRole changes the role of an active member, handing grant recipient or contact over.
func (s *Centers) SetMemberRole(ctx context.Context, centerID, kitaID uuid.UUID, m IfMatch, role MemberRole) (Center, error) {
	if !role.Valid() {
		return Center{}, &Error{Code: EINVALID, Message: roleNotAllowed, Fields: []FieldError{{"role", roleNotAllowed}}}
	}
	return s.changeMembers(ctx, "member.update", centerID, m, true, false, func(ctx context.Context, c *Center) error {
		i := c.memberIndex(kitaID)
		if i < 0 {
			return NotFound("Mitgliedschaft")
		}
		if err := stayInScope(ctx, access.CenterWrite, memberRelated(c.Members[i]), "kita_id"); err != nil {
			return err
		}
		if c.Members[i].Role == role {
			return errNoChange
		}
		if err := s.handOver(ctx, c, role, kitaID); err != nil {
			return err
		}
		c.Members[i].Role = role
		if err := c.CheckComposition("members"); err != nil {
			return asConflict(err)
		}
		return s.store.UpdateMembership(ctx, c.Members[i])
	})
}

// RemoveMember ends a Kita's membership on leftOn (zero: today) and its coverage by the
// center's seals (Seals.memberLeft).
func (s *Centers) RemoveMember(ctx context.Context, centerID, kitaID uuid.UUID, m IfMatch, leftOn Date) (Center, error) {
	today := s.Today()
	if leftOn.IsZero() {
		leftOn = today
	}
	if leftOn.After(today) {
		return Center{}, &Error{Code: EINVALID, Message: "Das Austrittsdatum darf nicht in der Zukunft liegen.",
			Fields: []FieldError{{"left_on", "Darf nicht in der Zukunft liegen."}}}
	}
	return s.changeMembers(ctx, "member.remove", centerID, m, false, false, func(ctx context.Context, c *Center) error {
		i := c.memberIndex(kitaID)
		if i < 0 {
			return NotFound("Mitgliedschaft")
		}
		mem := c.Members[i]
		if err := stayInScope(ctx, access.CenterWrite, memberRelated(mem), "kita_id"); err != nil {
			return err
		}
		if leftOn.Before(mem.JoinedOn) {
			return &Error{Code: EINVALID, Message: "Der Austritt liegt vor dem Eintritt.",
				Fields: []FieldError{{"left_on", "Darf nicht vor joined_on (" + mem.JoinedOn.String() + ") liegen."}}}
		}
		if mem.Role == RoleGrantRecipient {
			return Conflict("kita_id", "Die Zuschussempfängerin kann nicht austreten; bitte die Rolle zuerst an eine andere Kita übergeben.")
		}
		c.Members = append(c.Members[:i:i], c.Members[i+1:]...)
		if err := c.CheckComposition("members"); err != nil {
			return asConflict(err)
		}
		mem.LeftOn = leftOn
		if err := s.store.UpdateMembership(ctx, mem); err != nil {
			return err
		}
		if err := s.seals.memberLeft(ctx, c.ID, kitaID, leftOn); err != nil {
			return fmt.Errorf("end seal coverage of kita %s: %w", kitaID, err)
		}
		return nil
	})
}

// changeMembers runs a membership change on an unarchived center in one transaction and
// bumps the center's version, so that its ETag covers its members. Archiving an archived
// center changes nothing. A client that sent no If-Match or "If-Match: *" asked for no
// particular version: when a concurrent change moved the version meanwhile, the change is
// tried again on the new state (RetryStale).
func (s *Centers) changeMembers(ctx context.Context, action string, centerID uuid.UUID, m IfMatch, required, archiving bool, fn func(ctx context.Context, c *Center) error) (Center, error) {
	var c Center
	err := RetryStale(m, func() (err error) {
		c, err = s.changeMembersOnce(ctx, action, centerID, m, required, archiving, fn)
		return err
	})
	return c, err
}

func (s *Centers) changeMembersOnce(ctx context.Context, action string, centerID uuid.UUID, m IfMatch, required, archiving bool, fn func(ctx context.Context, c *Center) error) (Center, error) {
	var out Center
	err := s.tx.InTx(ctx, func(ctx context.Context) error {
		c, err := s.store.Center(ctx, centerID)
		if err != nil {
			return err
		}
		if err := guardCenter(ctx, c); err != nil {
			return err
		}
		before := c.auditFields()
		if err := m.check(c.Version, required); err != nil {
			return err
		}
		if c.Archived() {
			if archiving {
				return errNoChange
			}
			return errArchived("Das Familienzentrum")
		}
		if err := fn(ctx, &c); err != nil {
			return err
		}
		c.UpdatedAt = s.now()
		if err := s.store.UpdateCenter(ctx, &c); err != nil {
			return err
		}
		if out, err = s.store.Center(ctx, centerID); err != nil {
			return err
		}
		return s.audit(ctx, action, "center", centerID, before, out.auditFields())
	})
	if errors.Is(err, errNoChange) {
		return s.store.Center(ctx, centerID)
	}
	return out, err
}

// handOver demotes the current holder of a unique role (grant recipient, contact) to member.
func (s *Centers) handOver(ctx context.Context, c *Center, role MemberRole, to uuid.UUID) error {
	if role == RoleMember {
		return nil
	}
	for i := range c.Members {
		if c.Members[i].Role == role && c.Members[i].KitaID != to {
			c.Members[i].Role = RoleMember
			if err := s.store.UpdateMembership(ctx, c.Members[i]); err != nil {
				return err
			}
		}
	}
	return nil
}

func (c Center) memberIndex(kitaID uuid.UUID) int {
	for i, m := range c.Members {
		if m.KitaID == kitaID && m.Active() {
			return i
		}
	}
	return -1
}
