package cert

// Rule tests of the centers service on an in-memory store (memDB): composition,
// memberships and their periods, archiving, and what the seals are told.

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/uuid"
)

func TestCentersCreate(t *testing.T) {
	e := newSvcEnv(t)
	ks := e.kitas(t, 8)
	archived := e.kita(t, "Archivierte Kita", "Essen", Provider{Meta: Meta{ID: ks[0].ProviderID}}, YouthOffice{Meta: Meta{ID: ks[0].YouthOfficeID}})
	_, err := e.svc.Kitas.Archive(e.ctx, archived.ID, IfMatch{})
	mustOK(t, err)

	joined := MustParseDate("2025-08-01")
	net, err := e.svc.Centers.Create(e.ctx, Center{Kind: CenterNetwork, Name: " Verbund Nord ", SizeExceptionReason: strp("  ")},
		[]MemberInput{{KitaID: ks[0].ID, Role: RoleGrantRecipient, JoinedOn: joined}, member(ks[1]), {KitaID: ks[2].ID, Role: RoleContact}})
	mustOK(t, err)
	if net.Name != "Verbund Nord" || net.SizeExceptionReason != nil || net.Version != 1 || net.Archived() {
		t.Errorf("network = %+v", net)
	}
	wantMembers := []Membership{
		{CenterID: net.ID, KitaID: ks[0].ID, KitaName: ks[0].Name, KitaYouthOfficeID: ks[0].YouthOfficeID, Role: RoleGrantRecipient, JoinedOn: joined},
		{CenterID: net.ID, KitaID: ks[1].ID, KitaName: ks[1].Name, KitaYouthOfficeID: ks[1].YouthOfficeID, Role: RoleMember, JoinedOn: svcToday},
		{CenterID: net.ID, KitaID: ks[2].ID, KitaName: ks[2].Name, KitaYouthOfficeID: ks[2].YouthOfficeID, Role: RoleContact, JoinedOn: svcToday},
	}
	ignoreID := cmp.FilterPath(func(p cmp.Path) bool { return p.Last().String() == ".ID" }, cmp.Ignore())
	if diff := cmp.Diff(wantMembers, net.Members, ignoreID); diff != "" {
		t.Errorf("members (-want +got):\n%s", diff)
	}
	got, err := e.svc.Centers.Get(e.ctx, net.ID)
	mustOK(t, err)
	if diff := cmp.Diff(net, got); diff != "" {
		t.Errorf("stored (-created +stored):\n%s", diff)
	}

	tests := []struct {
		name    string
		center  Center
		members []MemberInput
		code    string
		field   string
	}{
		{"kita already in a center (single)", Center{Kind: CenterSingle, Name: "FZ"}, []MemberInput{grant(ks[1])}, ECONFLICT, "members[0].kita_id"},
		{"kita already in a center (network)", Center{Kind: CenterNetwork, Name: "V"}, []MemberInput{grant(ks[3]), member(ks[4]), member(ks[2])}, ECONFLICT, "members[2].kita_id"},
		{"grant recipient already in a center", Center{Kind: CenterNetwork, Name: "V"}, []MemberInput{member(ks[3]), grant(ks[0])}, ECONFLICT, "members[1].kita_id"},
		{"missing kita", Center{Kind: CenterNetwork, Name: "V"}, []MemberInput{grant(ks[3]), {KitaID: NewID(), Role: RoleMember}}, EINVALID, "members[1].kita_id"},
		{"archived kita", Center{Kind: CenterSingle, Name: "FZ"}, []MemberInput{grant(archived)}, EINVALID, "members[0].kita_id"},
		{"same kita twice", Center{Kind: CenterNetwork, Name: "V"}, []MemberInput{grant(ks[3]), member(ks[3])}, EINVALID, "members[1].kita_id"},
		{"future joined_on", Center{Kind: CenterSingle, Name: "FZ"}, []MemberInput{{KitaID: ks[3].ID, Role: RoleGrantRecipient, JoinedOn: svcToday.AddDays(1)}}, EINVALID, "members[0].joined_on"},
		{"single without members", Center{Kind: CenterSingle, Name: "FZ"}, nil, EINVALID, "members"},
		{"single of a plain member", Center{Kind: CenterSingle, Name: "FZ"}, []MemberInput{member(ks[3])}, EINVALID, "members"},
		{"network of one", Center{Kind: CenterNetwork, Name: "V"}, []MemberInput{grant(ks[3])}, EINVALID, "members"},
		{"network of six", Center{Kind: CenterNetwork, Name: "V"},
			[]MemberInput{grant(ks[3]), member(ks[4]), member(ks[5]), member(ks[6]), member(ks[7]), member(ks[0])}, EINVALID, "members"},
		{"two grant recipients", Center{Kind: CenterNetwork, Name: "V"}, []MemberInput{grant(ks[3]), grant(ks[4])}, EINVALID, "members"},
		{"unknown role", Center{Kind: CenterNetwork, Name: "V"}, []MemberInput{grant(ks[3]), {KitaID: ks[4].ID, Role: "boss"}}, EINVALID, "members[1].role"},
		{"no name", Center{Kind: CenterSingle}, []MemberInput{grant(ks[3])}, EINVALID, "name"},
		{"unknown kind", Center{Kind: "verbund", Name: "V"}, []MemberInput{grant(ks[3])}, EINVALID, "kind"},
		{"single with size exception", Center{Kind: CenterSingle, Name: "FZ", SizeExceptionReason: strp("groß")}, []MemberInput{grant(ks[3])}, EINVALID, "size_exception_reason"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := e.svc.Centers.Create(e.ctx, tt.center, tt.members)
			wantErr(t, err, tt.code, tt.field)
		})
	}
	// None of the failed creations left anything behind.
	list, err := e.svc.Centers.List(e.ctx, CenterFilter{Page: Page{IncludeArchived: true}})
	mustOK(t, err)
	if len(list.Items) != 1 {
		t.Errorf("%d centers stored, want 1", len(list.Items))
	}
	for _, k := range ks[3:] {
		if l, _ := e.svc.Centers.List(e.ctx, CenterFilter{KitaID: &k.ID}); len(l.Items) != 0 {
			t.Errorf("%s is in a center after failed creations", k.Name)
		}
	}

	_, err = e.svc.Centers.Create(e.ctx, Center{Kind: CenterNetwork, Name: "Großverbund", SizeExceptionReason: strp("Erlass vom 1.2.2026")},
		[]MemberInput{grant(ks[3]), member(ks[4]), member(ks[5]), member(ks[6]), member(ks[7]), member(archived)})
	wantErr(t, err, EINVALID, "members[5].kita_id")
}

func TestCentersMembership(t *testing.T) {
	e := newSvcEnv(t)
	ks := e.kitas(t, 10)
	kA, kB, kC, kD, kE, kF, kG, kH, kI := ks[0], ks[1], ks[2], ks[3], ks[4], ks[5], ks[6], ks[7], ks[8]
	other := e.center(t, CenterNetwork, "Anderer Verbund", grant(kG), member(kH))
	single := e.center(t, CenterSingle, "Einzel-FZ", grant(ks[9]))

	c := e.center(t, CenterNetwork, "Verbund Düsseldorf-Nord",
		MemberInput{KitaID: kA.ID, Role: RoleGrantRecipient, JoinedOn: MustParseDate("2025-08-01")}, member(kB))
	version := 1
	step := func(t *testing.T, name string, got Center, err error, want map[uuid.UUID]MemberRole) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		version++
		if got.Version != version {
			t.Errorf("%s: version = %d, want %d", name, got.Version, version)
		}
		if diff := cmp.Diff(want, roles(got.Members)); diff != "" {
			t.Errorf("%s: roles (-want +got):\n%s", name, diff)
		}
		stored, err := e.svc.Centers.Get(e.ctx, c.ID)
		mustOK(t, err)
		if diff := cmp.Diff(got, stored); diff != "" {
			t.Errorf("%s: stored (-returned +stored):\n%s", name, diff)
		}
	}
	unchanged := func(t *testing.T, name string) {
		t.Helper()
		stored, err := e.svc.Centers.Get(e.ctx, c.ID)
		mustOK(t, err)
		if stored.Version != version {
			t.Errorf("%s: failed change moved the version to %d, want %d", name, stored.Version, version)
		}
	}
	G, M, C := RoleGrantRecipient, RoleMember, RoleContact

	got, err := e.svc.Centers.AddMember(e.ctx, c.ID, Expect(1), MemberInput{KitaID: kC.ID, Role: G})
	step(t, "new grant recipient", got, err, map[uuid.UUID]MemberRole{kA.ID: M, kB.ID: M, kC.ID: G})

	got, err = e.svc.Centers.AddMember(e.ctx, c.ID, IfMatch{}, MemberInput{KitaID: kD.ID, Role: C})
	step(t, "contact without If-Match", got, err, map[uuid.UUID]MemberRole{kA.ID: M, kB.ID: M, kC.ID: G, kD.ID: C})

	_, err = e.svc.Centers.SetMemberRole(e.ctx, c.ID, kB.ID, IfMatch{}, C)
	wantErr(t, err, EPRECONDITIONREQUIRED, "")
	got, err = e.svc.Centers.SetMemberRole(e.ctx, c.ID, kB.ID, Expect(version), C)
	step(t, "contact hand-over", got, err, map[uuid.UUID]MemberRole{kA.ID: M, kB.ID: C, kC.ID: G, kD.ID: M})

	_, err = e.svc.Centers.SetMemberRole(e.ctx, c.ID, kC.ID, Expect(version), M)
	wantErr(t, err, ECONFLICT, "members")
	unchanged(t, "grant recipient steps down")
	_, err = e.svc.Centers.SetMemberRole(e.ctx, c.ID, kC.ID, Expect(version), "boss")
	wantErr(t, err, EINVALID, "role")
	_, err = e.svc.Centers.SetMemberRole(e.ctx, c.ID, kE.ID, Expect(version), C)
	wantErr(t, err, ENOTFOUND, "")

	got, err = e.svc.Centers.SetMemberRole(e.ctx, c.ID, kA.ID, Expect(version), G)
	step(t, "grant recipient hand-over by role", got, err, map[uuid.UUID]MemberRole{kA.ID: G, kB.ID: C, kC.ID: M, kD.ID: M})

	addFails := []struct {
		name  string
		in    MemberInput
		code  string
		field string
	}{
		{"already a member here", member(kA), ECONFLICT, "kita_id"},
		{"member of another center", member(kG), ECONFLICT, "kita_id"},
		{"missing kita", MemberInput{KitaID: NewID(), Role: M}, EINVALID, "kita_id"},
		{"unknown role", MemberInput{KitaID: kE.ID, Role: "boss"}, EINVALID, "role"},
		{"future joined_on", MemberInput{KitaID: kE.ID, Role: M, JoinedOn: svcToday.AddDays(1)}, EINVALID, "joined_on"},
	}
	for _, tt := range addFails {
		t.Run("add/"+tt.name, func(t *testing.T) {
			_, err := e.svc.Centers.AddMember(e.ctx, c.ID, Expect(version), tt.in)
			wantErr(t, err, tt.code, tt.field)
			unchanged(t, tt.name)
		})
	}
	_, err = e.svc.Centers.AddMember(e.ctx, single.ID, IfMatch{}, member(kE))
	wantErr(t, err, ECONFLICT, "members")
	_, err = e.svc.Centers.AddMember(e.ctx, NewID(), IfMatch{}, member(kE))
	wantErr(t, err, ENOTFOUND, "")

	got, err = e.svc.Centers.AddMember(e.ctx, c.ID, Expect(version), MemberInput{KitaID: kE.ID, Role: M, JoinedOn: MustParseDate("2026-01-01")})
	step(t, "fifth member", got, err, map[uuid.UUID]MemberRole{kA.ID: G, kB.ID: C, kC.ID: M, kD.ID: M, kE.ID: M})

	_, err = e.svc.Centers.AddMember(e.ctx, c.ID, Expect(version), member(kF))
	wantErr(t, err, ECONFLICT, "members")
	unchanged(t, "sixth without exception")

	got, err = e.svc.Centers.Update(e.ctx, c.ID, Expect(version), CenterPatch{SizeExceptionReason: Optional[string]{Set: true, Value: strp("Ländlicher Raum, Erlass 2026")}})
	step(t, "size exception", got, err, map[uuid.UUID]MemberRole{kA.ID: G, kB.ID: C, kC.ID: M, kD.ID: M, kE.ID: M})

	got, err = e.svc.Centers.AddMember(e.ctx, c.ID, Expect(version), member(kF))
	step(t, "sixth with exception", got, err, map[uuid.UUID]MemberRole{kA.ID: G, kB.ID: C, kC.ID: M, kD.ID: M, kE.ID: M, kF.ID: M})

	_, err = e.svc.Centers.Update(e.ctx, c.ID, Expect(version), CenterPatch{SizeExceptionReason: Optional[string]{Set: true}})
	wantErr(t, err, ECONFLICT, "members")
	unchanged(t, "drop exception with six")

	removeFails := []struct {
		name   string
		kita   uuid.UUID
		leftOn Date
		code   string
		field  string
	}{
		{"grant recipient", kA.ID, Date{}, ECONFLICT, "kita_id"},
		{"left_on tomorrow", kF.ID, svcToday.AddDays(1), EINVALID, "left_on"},
		{"left_on before joined_on", kE.ID, MustParseDate("2025-12-31"), EINVALID, "left_on"},
		{"not a member", kI.ID, Date{}, ENOTFOUND, ""},
		{"member of another center", kH.ID, Date{}, ENOTFOUND, ""},
	}
	for _, tt := range removeFails {
		t.Run("remove/"+tt.name, func(t *testing.T) {
			_, err := e.svc.Centers.RemoveMember(e.ctx, c.ID, tt.kita, Expect(version), tt.leftOn)
			wantErr(t, err, tt.code, tt.field)
			unchanged(t, tt.name)
		})
	}

	got, err = e.svc.Centers.RemoveMember(e.ctx, c.ID, kF.ID, Expect(version), Date{})
	step(t, "remove today", got, err, map[uuid.UUID]MemberRole{kA.ID: G, kB.ID: C, kC.ID: M, kD.ID: M, kE.ID: M})
	got, err = e.svc.Centers.RemoveMember(e.ctx, c.ID, kE.ID, IfMatch{}, MustParseDate("2026-02-28"))
	step(t, "remove in the past", got, err, map[uuid.UUID]MemberRole{kA.ID: G, kB.ID: C, kC.ID: M, kD.ID: M})
	got, err = e.svc.Centers.RemoveMember(e.ctx, c.ID, kB.ID, IfMatch{}, svcToday)
	step(t, "contact leaves", got, err, map[uuid.UUID]MemberRole{kA.ID: G, kC.ID: M, kD.ID: M})
	_, err = e.svc.Centers.RemoveMember(e.ctx, c.ID, kF.ID, IfMatch{}, Date{})
	wantErr(t, err, ENOTFOUND, "")

	t.Run("history", func(t *testing.T) {
		cur, active, err := e.svc.Centers.Memberships(e.ctx, c.ID, false)
		mustOK(t, err)
		if cur.Version != version {
			t.Errorf("center version = %d", cur.Version)
		}
		if diff := cmp.Diff(map[uuid.UUID]MemberRole{kA.ID: G, kC.ID: M, kD.ID: M}, roles(active)); diff != "" {
			t.Errorf("active (-want +got):\n%s", diff)
		}
		_, all, err := e.svc.Centers.Memberships(e.ctx, c.ID, true)
		mustOK(t, err)
		leftOn := map[uuid.UUID]string{}
		for _, m := range all {
			leftOn[m.KitaID] = m.LeftOn.String()
			if m.Active() == (m.LeftOn.String() != "") {
				t.Errorf("%s: Active %v with LeftOn %q", m.KitaName, m.Active(), m.LeftOn)
			}
		}
		want := map[uuid.UUID]string{kA.ID: "", kB.ID: "2026-03-10", kC.ID: "", kD.ID: "", kE.ID: "2026-02-28", kF.ID: "2026-03-10"}
		if diff := cmp.Diff(want, leftOn); diff != "" {
			t.Errorf("left_on by kita (-want +got):\n%s", diff)
		}
		if len(all) != 6 {
			t.Errorf("%d memberships in history, want 6", len(all))
		}
		for i := 1; i < len(all); i++ {
			if all[i].JoinedOn.Before(all[i-1].JoinedOn) {
				t.Errorf("history not oldest first: %s before %s", all[i-1].JoinedOn, all[i].JoinedOn)
			}
		}
		if all[0].KitaID != kA.ID {
			t.Errorf("oldest membership is %s, want Kita A (joined 2025-08-01)", all[0].KitaName)
		}
		_, _, err = e.svc.Centers.Memberships(e.ctx, NewID(), true)
		wantErr(t, err, ENOTFOUND, "")
	})

	t.Run("a Kita that left can join another center", func(t *testing.T) {
		o, err := e.svc.Centers.AddMember(e.ctx, other.ID, Expect(other.Version), member(kF))
		mustOK(t, err)
		if o.Version != other.Version+1 || roles(o.Members)[kF.ID] != M {
			t.Errorf("other = %+v", o)
		}
		fz := e.center(t, CenterSingle, "FZ E", grant(kE))
		if len(fz.Members) != 1 {
			t.Errorf("fz = %+v", fz)
		}
		// and it can come back later: a new membership, history kept
		_, err = e.svc.Centers.RemoveMember(e.ctx, other.ID, kF.ID, IfMatch{}, Date{})
		mustOK(t, err)
		got, err := e.svc.Centers.AddMember(e.ctx, c.ID, IfMatch{}, member(kF))
		mustOK(t, err)
		version++
		if roles(got.Members)[kF.ID] != M {
			t.Errorf("kF not back: %+v", got.Members)
		}
		_, all, _ := e.svc.Centers.Memberships(e.ctx, c.ID, true)
		n := 0
		for _, m := range all {
			if m.KitaID == kF.ID {
				n++
			}
		}
		if n != 2 {
			t.Errorf("kF has %d memberships in history, want 2", n)
		}
	})

	t.Run("network cannot shrink below two", func(t *testing.T) {
		small := e.center(t, CenterNetwork, "Kleiner Verbund", grant(kI), member(kB))
		_, err := e.svc.Centers.RemoveMember(e.ctx, small.ID, kB.ID, IfMatch{}, Date{})
		wantErr(t, err, ECONFLICT, "members")
		_, err = e.svc.Centers.RemoveMember(e.ctx, small.ID, kI.ID, IfMatch{}, Date{})
		wantErr(t, err, ECONFLICT, "kita_id")
		got, _ := e.svc.Centers.Get(e.ctx, small.ID)
		if got.Version != 1 || len(got.Members) != 2 {
			t.Errorf("small = %+v", got)
		}
	})
}

func TestCentersArchive(t *testing.T) {
	e := newSvcEnv(t)
	ks := e.kitas(t, 4)
	c := e.center(t, CenterNetwork, "Verbund",
		MemberInput{KitaID: ks[0].ID, Role: RoleGrantRecipient, JoinedOn: MustParseDate("2022-08-01")},
		member(ks[1]), MemberInput{KitaID: ks[2].ID, Role: RoleContact})
	_, err := e.svc.Centers.RemoveMember(e.ctx, c.ID, ks[2].ID, IfMatch{}, Date{})
	mustOK(t, err)

	// the next day, in Berlin, 00:30
	e.clock.Set(time.Date(2026, 3, 10, 23, 30, 0, 0, time.UTC))
	tomorrow := svcToday.AddDays(1)
	if e.svc.Today() != tomorrow {
		t.Fatalf("Today = %s, want %s", e.svc.Today(), tomorrow)
	}
	arch, err := e.svc.Centers.Archive(e.ctx, c.ID, Expect(2))
	mustOK(t, err)
	if !arch.Archived() || arch.Version != 3 || len(arch.Members) != 0 {
		t.Errorf("archived center = %+v", arch)
	}
	_, all, err := e.svc.Centers.Memberships(e.ctx, c.ID, true)
	mustOK(t, err)
	leftOn := map[uuid.UUID]Date{}
	for _, m := range all {
		leftOn[m.KitaID] = m.LeftOn
	}
	want := map[uuid.UUID]Date{ks[0].ID: tomorrow, ks[1].ID: tomorrow, ks[2].ID: svcToday}
	if diff := cmp.Diff(want, leftOn); diff != "" {
		t.Errorf("left_on (-want +got):\n%s", diff)
	}
	// every Kita that left told the seals, on its day (Seals.memberLeft)
	wantLeft := []string{ks[2].ID.String() + "@" + svcToday.String(), ks[0].ID.String() + "@" + tomorrow.String(), ks[1].ID.String() + "@" + tomorrow.String()}
	if diff := cmp.Diff(wantLeft, e.seals.left); diff != "" {
		t.Errorf("seal coverage ended (-want +got):\n%s", diff)
	}

	_, err = e.svc.Centers.AddMember(e.ctx, c.ID, IfMatch{}, member(ks[3]))
	wantErr(t, err, ECONFLICT, "")
	_, err = e.svc.Centers.RemoveMember(e.ctx, c.ID, ks[1].ID, IfMatch{}, Date{})
	wantErr(t, err, ECONFLICT, "")
	_, err = e.svc.Centers.SetMemberRole(e.ctx, c.ID, ks[1].ID, Expect(3), RoleContact)
	wantErr(t, err, ECONFLICT, "")

	again, err := e.svc.Centers.Archive(e.ctx, c.ID, IfMatch{})
	mustOK(t, err)
	if diff := cmp.Diff(arch, again); diff != "" {
		t.Errorf("archiving twice changed the center (-first +second):\n%s", diff)
	}

	// The Kitas are free for another center, and the former members can be archived.
	next := e.center(t, CenterNetwork, "Neuer Verbund", grant(ks[1]), member(ks[0]))
	if next.Members[0].JoinedOn != tomorrow {
		t.Errorf("joined_on = %s, want %s", next.Members[0].JoinedOn, tomorrow)
	}
	if l, _ := e.svc.Centers.List(e.ctx, CenterFilter{KitaID: &ks[0].ID}); len(l.Items) != 1 || l.Items[0].ID != next.ID {
		t.Errorf("centers of Kita 0 = %+v", l.Items)
	}
	_, err = e.svc.Kitas.Archive(e.ctx, ks[2].ID, IfMatch{})
	mustOK(t, err)
	_, err = e.svc.Kitas.Archive(e.ctx, ks[0].ID, IfMatch{})
	wantErr(t, err, ECONFLICT, "")
}

// TestCentersMembershipPeriods: a Kita cannot re-enter the past, i.e. join a center with a
// joined_on before the day its previous membership ended; joining on that day is fine.
func TestCentersMembershipPeriods(t *testing.T) {
	e := newSvcEnv(t)
	ks := e.kitas(t, 3)
	today := e.svc.Today()
	past := func(in MemberInput) MemberInput { in.JoinedOn = today.AddDays(-100); return in }
	v := e.center(t, CenterNetwork, "Verbund V", past(grant(ks[0])), past(member(ks[1])), past(member(ks[2])))
	_, err := e.svc.Centers.RemoveMember(e.ctx, v.ID, ks[2].ID, IfMatch{}, today.AddDays(-10))
	mustOK(t, err)
	in := MemberInput{KitaID: ks[2].ID, Role: RoleGrantRecipient, JoinedOn: today.AddDays(-11)}
	_, err = e.svc.Centers.Create(e.ctx, Center{Kind: CenterSingle, Name: "FZ W"}, []MemberInput{in})
	wantErr(t, err, ECONFLICT, "members[0].kita_id")
	in.JoinedOn = today.AddDays(-10)
	_, err = e.svc.Centers.Create(e.ctx, Center{Kind: CenterSingle, Name: "FZ W"}, []MemberInput{in})
	mustOK(t, err)
}

// TestCentersSameRoleIsNoChange: setting the role a member already has changes nothing,
// not even the center's version.
func TestCentersSameRoleIsNoChange(t *testing.T) {
	e := newSvcEnv(t)
	ks := e.kitas(t, 2)
	c := e.center(t, CenterNetwork, "Verbund", grant(ks[0]), member(ks[1]))
	got, err := e.svc.Centers.SetMemberRole(e.ctx, c.ID, ks[1].ID, Expect(c.Version), RoleMember)
	mustOK(t, err)
	if got.Version != c.Version || len(got.Members) != 2 {
		t.Fatalf("no-op role change: version %d -> %d, members %d", c.Version, got.Version, len(got.Members))
	}
}

// TestCentersTellTheSeals: a Kita that joins or leaves is passed on to the seals'
// coverage (Seals.memberJoined, Seals.memberLeft) on its day; a new center has no seal
// to tell.
func TestCentersTellTheSeals(t *testing.T) {
	e := newSvcEnv(t)
	ks := e.kitas(t, 3)
	c := e.center(t, CenterNetwork, "Verbund", grant(ks[0]), member(ks[1]))
	if len(e.seals.joined) != 0 {
		t.Errorf("creating a center told the seals %v", e.seals.joined)
	}
	joined := svcToday.AddDays(-3)
	_, err := e.svc.Centers.AddMember(e.ctx, c.ID, IfMatch{}, MemberInput{KitaID: ks[2].ID, Role: RoleMember, JoinedOn: joined})
	mustOK(t, err)
	_, err = e.svc.Centers.RemoveMember(e.ctx, c.ID, ks[1].ID, IfMatch{}, Date{})
	mustOK(t, err)
	if want := []string{ks[2].ID.String() + "@" + joined.String()}; !cmp.Equal(want, e.seals.joined) {
		t.Errorf("joined %v, want %v", e.seals.joined, want)
	}
	if want := []string{ks[1].ID.String() + "@" + svcToday.String()}; !cmp.Equal(want, e.seals.left) {
		t.Errorf("left %v, want %v", e.seals.left, want)
	}
}
