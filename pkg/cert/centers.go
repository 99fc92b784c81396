package cert

import (
	"context"
	"errors"
	"fmt"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
)

// CentersStore is what Centers needs from persistence: the centers with their
// memberships, and the Kitas that join.
type CentersStore interface {
	CenterStore
	Kita(ctx context.Context, id uuid.UUID) (Kita, error)
}

// sealCoverage follows a center's seals as Kitas join and leave (Seals implements it).
type sealCoverage interface {
	// memberJoined lets the center's seals cover a Kita that joined on the given day.
	memberJoined(ctx context.Context, centerID, kitaID uuid.UUID, on Date) error
	// memberLeft ends the coverage of a Kita that left on the given day.
	memberLeft(ctx context.Context, centerID, kitaID uuid.UUID, on Date) error
}

// Centers keeps the family centers (single or network) and their memberships.
type Centers struct {
	core
	store CentersStore
	seals sealCoverage
}

func newCenters(c core, store CentersStore, seals sealCoverage) *Centers {
	return &Centers{core: c, store: store, seals: seals}
}

// Create validates and stores a new center with its members. Every member Kita must
// exist and be in no other active center.
func (s *Centers) Create(ctx context.Context, c Center, members []MemberInput) (Center, error) {
	if err := mayCreateAny(ctx, access.CenterWrite); err != nil {
		return Center{}, err
	}
	c.normalize()
	today := s.Today()
	c.Members = make([]Membership, len(members))
	for i, in := range members {
		joined := in.JoinedOn
		if joined.IsZero() {
			joined = today
		}
		c.Members[i] = Membership{KitaID: in.KitaID, Role: in.Role, JoinedOn: joined}
	}
	var v Validation
	v.fields = append(v.fields, FieldsOf(c.Validate())...)
	v.fields = append(v.fields, FieldsOf(c.CheckComposition("members"))...)
	for i, m := range c.Members {
		v.Check(!m.JoinedOn.After(today), fmt.Sprintf("members[%d].joined_on", i), "Darf nicht in der Zukunft liegen.")
	}
	if err := v.Err(); err != nil {
		return Center{}, err
	}
	c.Meta = s.newMeta()
	err := s.tx.InTx(ctx, func(ctx context.Context) error {
		for i := range c.Members {
			m := &c.Members[i]
			field := fmt.Sprintf("members[%d].kita_id", i)
			if err := s.checkJoinable(ctx, m, field); err != nil {
				return err
			}
			if err := stayInScope(ctx, access.CenterWrite, memberRelated(*m), field); err != nil {
				return err
			}
			m.ID, m.CenterID = NewID(), c.ID
		}
		if err := s.store.CreateCenter(ctx, &c); err != nil {
			return err
		}
		var err error
		if c, err = s.store.Center(ctx, c.ID); err != nil {
			return err
		}
		return s.audit(ctx, "create", "center", c.ID, nil, c.auditFields())
	})
	return c, err
}

// centerRelated places a center by its active members' Kitas and their youth offices.
func centerRelated(c Center) access.Related {
	var r access.Related
	for _, m := range c.Members {
		if m.Active() {
			r.KitaIDs = append(r.KitaIDs, m.KitaID)
			r.YouthOfficeIDs = append(r.YouthOfficeIDs, m.KitaYouthOfficeID)
		}
	}
	return r
}

func memberRelated(m Membership) access.Related {
	return access.Related{KitaIDs: []uuid.UUID{m.KitaID}, YouthOfficeIDs: []uuid.UUID{m.KitaYouthOfficeID}}
}

// checkJoinable checks that m's Kita exists, is not archived and is in no active center,
// and fills in its name.
func (s *Centers) checkJoinable(ctx context.Context, m *Membership, field string) error {
	k, err := s.store.Kita(ctx, m.KitaID)
	if err == nil {
		// Outside the caller's scope, a Kita looks the same whatever its state: nothing
		// about its centers or dates may show.
		if serr := stayInScope(ctx, access.CenterWrite, kitaRelated(k), field); serr != nil {
			return serr
		}
		if rerr := mayRead(ctx, access.KitaRead, kitaRelated(k)); rerr != nil {
			err = rerr
		}
	}
	if err := requireActive(err, k.Archived(), field, "Die Kita"); err != nil {
		return err
	}
	m.KitaName, m.KitaYouthOfficeID = k.Name, k.YouthOfficeID
	lastLeft, err := s.store.LastLeftOn(ctx, m.KitaID)
	if err != nil {
		return err
	}
	if !lastLeft.IsZero() && m.JoinedOn.Before(lastLeft) {
		return Conflict(field, "Die Kita war bis zum "+lastLeft.German()+" Mitglied eines Familienzentrums; der Eintritt kann frühestens an diesem Tag liegen.")
	}
	switch other, err := s.store.ActiveMembership(ctx, m.KitaID); ErrorCode(err) {
	case ENOTFOUND:
		return nil
	case "":
		if other.CenterID == m.CenterID && m.CenterID != uuid.Nil {
			return Conflict(field, "Die Kita ist bereits Mitglied dieses Familienzentrums.")
		}
		return Conflict(field, "Die Kita gehört bereits zu einem anderen Familienzentrum.")
	default:
		return err
	}
}

// Get returns one center with its active members.
func (s *Centers) Get(ctx context.Context, id uuid.UUID) (Center, error) {
	c, err := s.store.Center(ctx, id)
	if err != nil {
		return Center{}, err
	}
	return c, mayRead(ctx, access.CenterRead, centerRelated(c))
}

// List lists the centers the caller may see.
func (s *Centers) List(ctx context.Context, f CenterFilter) (List[Center], error) {
	scope, err := listFilter(ctx, access.CenterRead)
	if err != nil || scope.Nothing {
		return List[Center]{}, err
	}
	f.Scope = scope
	return s.store.Centers(ctx, f)
}

// Update applies a patch to the center's own fields; m must name the current version.
func (s *Centers) Update(ctx context.Context, id uuid.UUID, m IfMatch, p CenterPatch) (Center, error) {
	return change(ctx, &s.core, id, m, true, op[Center]{kind: "center", action: "update", load: s.store.Center,
		save: s.store.UpdateCenter, fields: Center.auditFields, guard: guardCenter,
		mutate: func(_ context.Context, cur Center) (Center, error) {
			if cur.Archived() {
				return cur, errArchived("Das Familienzentrum")
			}
			next := p.Apply(cur)
			next.normalize()
			if err := next.Validate(); err != nil {
				return cur, err
			}
			if err := next.CheckComposition("members"); err != nil {
				return cur, asConflict(err)
			}
			return next, nil
		}})
}

func guardCenter(ctx context.Context, c Center) error {
	return mayWrite(ctx, access.CenterRead, access.CenterWrite, centerRelated(c))
}

// Archive archives a center and ends its active memberships today; the Kitas lose
// the coverage of the center's seals (Seals.memberLeft).
func (s *Centers) Archive(ctx context.Context, id uuid.UUID, m IfMatch) (Center, error) {
	return s.changeMembers(ctx, "archive", id, m, false, true, func(ctx context.Context, c *Center) error {
		if err := s.archive(&c.Meta); err != nil {
			return err
		}
		today := s.Today()
		for _, mem := range c.Members {
			mem.LeftOn = maxDate(today, mem.JoinedOn)
			if err := s.store.UpdateMembership(ctx, mem); err != nil {
				return err
			}
			if err := s.seals.memberLeft(ctx, c.ID, mem.KitaID, mem.LeftOn); err != nil {
				return fmt.Errorf("end seal coverage of kita %s: %w", mem.KitaID, err)
			}
		}
		return nil
	})
}

// asConflict turns a composition failure of an existing center into a conflict.
func asConflict(err error) error {
	if e, ok := errors.AsType[*Error](err); ok && e.Code == EINVALID {
		msg := e.Message
		if len(e.Fields) > 0 {
			msg = e.Fields[0].Message
		}
		return &Error{Code: ECONFLICT, Message: msg, Fields: e.Fields}
	}
	return err
}

func maxDate(a, b Date) Date {
	if a.Before(b) {
		return b
	}
	return a
}
