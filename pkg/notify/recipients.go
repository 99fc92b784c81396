package notify

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
	"strings"
)

// Routing says which recipient roles get a reminder as a single message. Coordinators
// get every reminder of the week in the digest (DigestReminder, itself routed here);
// a coordinator entry for any other reminder sends them a single message as well.
type Routing map[Reminder][]Role

// routedRoles are the roles a routing may name.
var routedRoles = []Role{ToKitaLeader, ToProviderContact, ToYouthOfficePlanner, ToAssessor, ToCoordinator, ToWebhook}

// DefaultRouting returns the default recipients of every reminder:
//
//   - window open, 12 and 6 months: the Kita leaders and the provider contact;
//   - 3 months and 1 month: also the youth office planner;
//   - expired: Kita leaders, provider contact, youth office planner and coordinators;
//   - evidence due in 14 days: the Kita leaders; evidence overdue: also the assessor;
//   - visit in 7 days: the Kita leaders and the assessor;
//   - no decision 8 weeks after the visit: the coordinators;
//   - evidence requested again (written by the step, not the sweep): the Kita leaders;
//   - the weekly digest: the coordinators.
//
// Coordinators see every reminder in the weekly digest instead of hundreds of single
// mails; only the two that need them at once, an expired seal (funding at risk) and a
// missing decision (an escalation to them), also reach them as single messages.
func DefaultRouting() Routing {
	leaderProvider := []Role{ToKitaLeader, ToProviderContact}
	withPlanner := []Role{ToKitaLeader, ToProviderContact, ToYouthOfficePlanner}
	return Routing{
		SealWindowOpen:    slices.Clone(leaderProvider),
		SealMonths12:      slices.Clone(leaderProvider),
		SealMonths6:       slices.Clone(leaderProvider),
		SealMonths3:       slices.Clone(withPlanner),
		SealMonths1:       slices.Clone(withPlanner),
		SealExpired:       {ToKitaLeader, ToProviderContact, ToYouthOfficePlanner, ToCoordinator},
		EvidenceDueSoon:   {ToKitaLeader},
		EvidenceOverdue:   {ToKitaLeader, ToAssessor},
		VisitSoon:         {ToKitaLeader, ToAssessor},
		NoDecision:        {ToCoordinator},
		EvidenceRequested: {ToKitaLeader},
		DigestReminder:    {ToCoordinator},
	}
}

// LoadRouting returns DefaultRouting with the entries of the JSON file at path replacing
// those of the same reminder, e.g. {"seal.3_months": ["kita_leader", "provider_contact"]};
// an empty list sends a reminder to nobody. Reminders and roles must be known names; a
// role named twice counts once. An empty path returns the defaults.
func LoadRouting(path string) (Routing, error) {
	routing := DefaultRouting()
	if path == "" {
		return routing, nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("notify: routing file: %w", err)
	}
	over, err := parseRouting(b)
	if err != nil {
		return nil, fmt.Errorf("notify: routing file %s: %w", path, err)
	}
	for r, roles := range over {
		routing[r] = roles
	}
	return routing, nil
}

// parseRouting reads and validates a routing file's JSON object.
func parseRouting(b []byte) (Routing, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	var raw map[string]*[]string
	if err := dec.Decode(&raw); err != nil {
		return nil, fmt.Errorf("want a JSON object of reminder names and lists of roles: %w", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("unexpected data after the JSON object")
	}
	if raw == nil {
		return nil, errors.New("want a JSON object of reminder names and lists of roles, got null")
	}
	names := make([]string, 0, len(raw))
	for name := range raw {
		names = append(names, name)
	}
	sort.Strings(names) // report problems in a stable order
	out := Routing{}
	for _, name := range names {
		r := Reminder(name)
		if !slices.Contains(knownReminders, r) {
			return nil, fmt.Errorf("unknown reminder %q (known: %s)", name, joinNames(knownReminders))
		}
		list := raw[name]
		if list == nil {
			return nil, fmt.Errorf("%s: want a list of roles (use [] for nobody), got null", name)
		}
		roles := []Role{}
		for _, s := range *list {
			role := Role(s)
			if !slices.Contains(routedRoles, role) {
				return nil, fmt.Errorf("%s: unknown role %q (known: %s)", name, s, joinNames(routedRoles))
			}
			if !slices.Contains(roles, role) {
				roles = append(roles, role)
			}
		}
		out[r] = roles
	}
	return out, nil
}

func joinNames[T ~string](xs []T) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = string(x)
	}
	return strings.Join(s, ", ")
}

// Person is a candidate recipient: someone tied to a center in some role (the leader of
// one of its Kitas, the provider contact, the youth office planner, the assessor of an
// open procedure, a coordinator).
type Person struct {
	Role       Role
	Name       string
	Email      string
	Salutation string // "frau", "herr" or "" (contacts; accounts have none)
	Title      string // e.g. "Dr."; may be empty
}

// Recipients picks the candidates whose role the routing names for reminder r. Each
// e-mail address (compared trimmed and in lower case) gets the reminder once: when a
// person appears in several routed roles, the role listed first in the routing wins.
// Candidates without an e-mail address are skipped. The result is ordered by the role's
// place in the routing, then by e-mail address, whatever the order of the candidates.
func Recipients(routing Routing, r Reminder, candidates []Person) []Person {
	roles := routing[r]
	rank := func(role Role) int { return slices.Index(roles, role) }
	picked := make([]Person, 0, len(candidates))
	for _, c := range candidates {
		c.Email = strings.TrimSpace(c.Email)
		c.Name = strings.TrimSpace(c.Name)
		if c.Email == "" || rank(c.Role) < 0 {
			continue
		}
		picked = append(picked, c)
	}
	// Sort first, so that the one kept of several entries for an address does not depend
	// on the candidates' order.
	sort.SliceStable(picked, func(i, j int) bool {
		a, b := picked[i], picked[j]
		if ra, rb := rank(a.Role), rank(b.Role); ra != rb {
			return ra < rb
		}
		if la, lb := strings.ToLower(a.Email), strings.ToLower(b.Email); la != lb {
			return la < lb
		}
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.Email < b.Email
	})
	seen := make(map[string]bool, len(picked))
	out := picked[:0]
	for _, p := range picked {
		key := strings.ToLower(p.Email)
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, p)
	}
	return out
}
