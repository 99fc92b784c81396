package cert

import (
	"bytes"
	"context"
	"slices"

	"github.com/google/uuid"
)

// memDB is an in-memory fake of the master-data and center stores (YouthOfficesStore,
// ProvidersStore, KitasStore, ContactsStore, CentersStore) with a TxRunner that just
// calls fn and an AuditAppender that keeps the entries. It keeps what the rules rely on:
// versions (ErrStale when they moved), ErrNotFound, archived rows left out of lists
// unless asked, the derived fields a real store fills in (a member's Kita name and
// youth office, a contact's owner youth office). It filters lists by the reference
// fields the rules use, ignores the access scope (tests run as the system) and has no
// rollback: the rules check before they write.
type memDB struct {
	offices   map[uuid.UUID]YouthOffice
	providers map[uuid.UUID]Provider
	kitas     map[uuid.UUID]Kita
	contacts  map[uuid.UUID]Contact
	centers   map[uuid.UUID]Center // without members
	members   []Membership         // every membership, in the order added
	audit     []AuditEntry
}

func newMemDB() *memDB {
	return &memDB{offices: map[uuid.UUID]YouthOffice{}, providers: map[uuid.UUID]Provider{}, kitas: map[uuid.UUID]Kita{},
		contacts: map[uuid.UUID]Contact{}, centers: map[uuid.UUID]Center{}}
}

func (m *memDB) InTx(ctx context.Context, fn func(context.Context) error) error { return fn(ctx) }

func (m *memDB) AppendAudit(_ context.Context, e *AuditEntry) error {
	m.audit = append(m.audit, *e)
	return nil
}

// get, put and list are the map operations shared by every kind of row.
func get[T any](rows map[uuid.UUID]T, id uuid.UUID) (T, error) {
	v, ok := rows[id]
	if !ok {
		var zero T
		return zero, ErrNotFound
	}
	return v, nil
}

func update[T any, P entity[T]](rows map[uuid.UUID]T, v P) error {
	cur, ok := rows[v.meta().ID]
	if !ok || P(&cur).meta().Version != v.meta().Version {
		return ErrStale
	}
	v.meta().Version++
	rows[v.meta().ID] = *v
	return nil
}

func list[T any, P entity[T]](rows map[uuid.UUID]T, pg Page, keep func(T) bool) List[T] {
	out := []T{}
	for _, v := range rows {
		if (pg.IncludeArchived || !P(&v).meta().Archived()) && keep(v) {
			out = append(out, v)
		}
	}
	slices.SortFunc(out, func(a, b T) int { ia, ib := P(&a).meta().ID, P(&b).meta().ID; return bytes.Compare(ia[:], ib[:]) })
	if pg.Limit > 0 && len(out) > pg.Limit {
		out = out[:pg.Limit]
	}
	return List[T]{Items: out}
}

func (m *memDB) CreateYouthOffice(_ context.Context, o *YouthOffice) error {
	m.offices[o.ID] = *o
	return nil
}
func (m *memDB) YouthOffice(_ context.Context, id uuid.UUID) (YouthOffice, error) {
	return get(m.offices, id)
}
func (m *memDB) YouthOffices(_ context.Context, f YouthOfficeFilter) (List[YouthOffice], error) {
	return list(m.offices, f.Page, func(YouthOffice) bool { return true }), nil
}
func (m *memDB) UpdateYouthOffice(_ context.Context, o *YouthOffice) error {
	return update(m.offices, o)
}

func (m *memDB) CreateProvider(_ context.Context, p *Provider) error {
	m.providers[p.ID] = *p
	return nil
}
func (m *memDB) Provider(_ context.Context, id uuid.UUID) (Provider, error) {
	return get(m.providers, id)
}
func (m *memDB) Providers(_ context.Context, f ProviderFilter) (List[Provider], error) {
	return list(m.providers, f.Page, func(Provider) bool { return true }), nil
}
func (m *memDB) UpdateProvider(_ context.Context, p *Provider) error { return update(m.providers, p) }

func (m *memDB) CreateKita(_ context.Context, k *Kita) error {
	m.kitas[k.ID] = *k
	return nil
}
func (m *memDB) Kita(_ context.Context, id uuid.UUID) (Kita, error) { return get(m.kitas, id) }
func (m *memDB) Kitas(_ context.Context, f KitaFilter) (List[Kita], error) {
	return list(m.kitas, f.Page, func(k Kita) bool {
		return (f.ProviderID == nil || *f.ProviderID == k.ProviderID) && (f.YouthOfficeID == nil || *f.YouthOfficeID == k.YouthOfficeID)
	}), nil
}
func (m *memDB) UpdateKita(_ context.Context, k *Kita) error { return update(m.kitas, k) }

func (m *memDB) CreateContact(_ context.Context, c *Contact) error {
	m.contacts[c.ID] = *c
	return nil
}

// withOwner fills in the youth office of a contact's owner, as the store derives it.
func (m *memDB) withOwner(c Contact) Contact {
	c.OwnerYouthOfficeID = c.YouthOfficeID
	if c.KitaID != nil {
		if k, ok := m.kitas[*c.KitaID]; ok {
			c.OwnerYouthOfficeID = &k.YouthOfficeID
		}
	}
	return c
}
func (m *memDB) Contact(_ context.Context, id uuid.UUID) (Contact, error) {
	c, err := get(m.contacts, id)
	return m.withOwner(c), err
}
func (m *memDB) Contacts(_ context.Context, f ContactFilter) (List[Contact], error) {
	same := func(a, b *uuid.UUID) bool { return a == nil || (b != nil && *a == *b) }
	l := list(m.contacts, f.Page, func(c Contact) bool {
		return same(f.KitaID, c.KitaID) && same(f.ProviderID, c.ProviderID) && same(f.YouthOfficeID, c.YouthOfficeID)
	})
	for i := range l.Items {
		l.Items[i] = m.withOwner(l.Items[i])
	}
	return l, nil
}
func (m *memDB) UpdateContact(_ context.Context, c *Contact) error {
	c.OwnerYouthOfficeID = nil
	if err := update(m.contacts, c); err != nil {
		return err
	}
	*c = m.withOwner(*c)
	return nil
}

func (m *memDB) CreateCenter(_ context.Context, c *Center) error {
	row := *c
	row.Members = nil
	m.centers[c.ID] = row
	for _, mem := range c.Members {
		if err := m.AddMembership(context.Background(), &mem); err != nil {
			return err
		}
	}
	return nil
}

// withMembers gives a center its active members with the derived Kita fields.
func (m *memDB) withMembers(c Center) Center {
	c.Members = nil
	for _, mem := range m.members {
		if mem.CenterID == c.ID && mem.Active() {
			c.Members = append(c.Members, m.derived(mem))
		}
	}
	return c
}

func (m *memDB) derived(mem Membership) Membership {
	k := m.kitas[mem.KitaID]
	mem.KitaName, mem.KitaYouthOfficeID = k.Name, k.YouthOfficeID
	return mem
}

func (m *memDB) Center(_ context.Context, id uuid.UUID) (Center, error) {
	c, err := get(m.centers, id)
	if err != nil {
		return Center{}, err
	}
	return m.withMembers(c), nil
}
func (m *memDB) Centers(_ context.Context, f CenterFilter) (List[Center], error) {
	l := list(m.centers, f.Page, func(c Center) bool {
		if f.KitaID == nil {
			return true
		}
		for _, mem := range m.withMembers(c).Members {
			if mem.KitaID == *f.KitaID {
				return true
			}
		}
		return false
	})
	for i := range l.Items {
		l.Items[i] = m.withMembers(l.Items[i])
	}
	return l, nil
}
func (m *memDB) UpdateCenter(_ context.Context, c *Center) error {
	row := *c
	row.Members = nil
	if err := update(m.centers, &row); err != nil {
		return err
	}
	c.Version = row.Version
	return nil
}
func (m *memDB) Memberships(_ context.Context, centerID uuid.UUID, includePast bool) ([]Membership, error) {
	var out []Membership
	for _, mem := range m.members {
		if mem.CenterID == centerID && (includePast || mem.Active()) {
			out = append(out, m.derived(mem))
		}
	}
	slices.SortStableFunc(out, func(a, b Membership) int { // joined_on, then id, as the store orders them
		if a.JoinedOn != b.JoinedOn {
			if a.JoinedOn.Before(b.JoinedOn) {
				return -1
			}
			return 1
		}
		return bytes.Compare(a.ID[:], b.ID[:])
	})
	return out, nil
}
func (m *memDB) ActiveMembership(_ context.Context, kitaID uuid.UUID) (Membership, error) {
	for _, mem := range m.members {
		if mem.KitaID == kitaID && mem.Active() {
			return m.derived(mem), nil
		}
	}
	return Membership{}, ErrNotFound
}
func (m *memDB) LastLeftOn(_ context.Context, kitaID uuid.UUID) (Date, error) {
	var last Date
	for _, mem := range m.members {
		if mem.KitaID == kitaID && !mem.Active() && mem.LeftOn.After(last) {
			last = mem.LeftOn
		}
	}
	return last, nil
}
func (m *memDB) AddMembership(_ context.Context, mem *Membership) error {
	m.members = append(m.members, *mem)
	return nil
}
func (m *memDB) UpdateMembership(_ context.Context, mem Membership) error {
	for i := range m.members {
		if m.members[i].ID == mem.ID {
			m.members[i].Role, m.members[i].LeftOn = mem.Role, mem.LeftOn
			return nil
		}
	}
	return ErrNotFound
}

// coverageLog is a fake of the seals' coverage hooks: it records who joined and left.
type coverageLog struct {
	joined, left []string // "kita@date"
}

func (c *coverageLog) memberJoined(_ context.Context, _, kitaID uuid.UUID, on Date) error {
	c.joined = append(c.joined, kitaID.String()+"@"+on.String())
	return nil
}
func (c *coverageLog) memberLeft(_ context.Context, _, kitaID uuid.UUID, on Date) error {
	c.left = append(c.left, kitaID.String()+"@"+on.String())
	return nil
}
