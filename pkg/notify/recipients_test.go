package notify

import (
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestDefaultRouting(t *testing.T) {
	L, P, Y, A, C := ToKitaLeader, ToProviderContact, ToYouthOfficePlanner, ToAssessor, ToCoordinator
	want := Routing{
		SealWindowOpen:    {L, P},
		SealMonths12:      {L, P},
		SealMonths6:       {L, P},
		SealMonths3:       {L, P, Y},
		SealMonths1:       {L, P, Y},
		SealExpired:       {L, P, Y, C},
		EvidenceDueSoon:   {L},
		EvidenceOverdue:   {L, A},
		VisitSoon:         {L, A},
		NoDecision:        {C},
		EvidenceRequested: {L},
		DigestReminder:    {C},
	}
	got := DefaultRouting()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("DefaultRouting() = %v\nwant %v", got, want)
	}
	for _, r := range knownReminders {
		if _, ok := got[r]; !ok {
			t.Errorf("%s has no default route", r)
		}
	}
	// Coordinators get single messages only where they must act at once.
	for r, roles := range got {
		hasC := false
		for _, role := range roles {
			hasC = hasC || role == C
		}
		if hasC != (r == SealExpired || r == NoDecision || r == DigestReminder) {
			t.Errorf("%s: coordinator routed = %v", r, hasC)
		}
	}
	// Every call returns a fresh routing.
	got[SealMonths6][0] = A
	got[SealMonths1] = nil
	if again := DefaultRouting(); !reflect.DeepEqual(again, want) {
		t.Errorf("DefaultRouting shares its lists: %v", again)
	}
}

func TestLoadRouting(t *testing.T) {
	dir := t.TempDir()
	path := writeFile(t, dir, "routing.json", `{
		"seal.3_months": ["kita_leader", "coordinator", "kita_leader"],
		"procedure.visit_7_days": [],
		"digest.weekly": ["coordinator", "youth_office_planner"]
	}`)
	got, err := LoadRouting(path)
	if err != nil {
		t.Fatal(err)
	}
	want := DefaultRouting()
	want[SealMonths3] = []Role{ToKitaLeader, ToCoordinator} // a role named twice counts once
	want[VisitSoon] = []Role{}                              // nobody
	want[DigestReminder] = []Role{ToCoordinator, ToYouthOfficePlanner}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("LoadRouting = %v\nwant %v", got, want)
	}
	if people := Recipients(got, VisitSoon, []Person{{Role: ToKitaLeader, Name: "A", Email: "a@example.org"}}); len(people) != 0 {
		t.Errorf("an empty route sends to %v", people)
	}

	def, err := LoadRouting("")
	if err != nil || !reflect.DeepEqual(def, DefaultRouting()) {
		t.Errorf("LoadRouting(\"\") = %v, %v", def, err)
	}
}

func TestLoadRoutingRejects(t *testing.T) {
	tests := []struct{ name, json, want string }{
		{"unknown reminder", `{"seal.2_months": ["kita_leader"]}`, `unknown reminder "seal.2_months"`},
		{"unknown role", `{"seal.1_month": ["kita_leader", "mayor"]}`, `seal.1_month: unknown role "mayor"`},
		{"role in wrong case", `{"seal.1_month": ["Kita_Leader"]}`, `unknown role "Kita_Leader"`},
		{"null list", `{"seal.1_month": null}`, "got null"},
		{"not a list", `{"seal.1_month": "kita_leader"}`, "want a JSON object"},
		{"not an object", `["seal.1_month"]`, "want a JSON object"},
		{"null", `null`, "got null"},
		{"trailing data", `{"seal.1_month": []} {}`, "unexpected data"},
		{"broken JSON", `{"seal.1_month": [}`, "want a JSON object"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, t.TempDir(), "routing.json", tt.json)
			_, err := LoadRouting(path)
			if err == nil {
				t.Fatal("accepted")
			}
			if !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), path) {
				t.Errorf("error %q does not name %s and %q", err, path, tt.want)
			}
		})
	}
	if _, err := LoadRouting(filepath.Join(t.TempDir(), "missing.json")); err == nil {
		t.Error("a missing routing file was accepted")
	}
}

func TestRecipients(t *testing.T) {
	candidates := []Person{
		{Role: ToCoordinator, Name: "Jonas Weber", Email: "j.weber@isa.example"},
		{Role: ToProviderContact, Name: "AWO Bielefeld", Email: "kita@awo-bielefeld.example"},
		{Role: ToKitaLeader, Name: "Kerstin Yılmaz", Email: "K.Yilmaz@awo-bielefeld.example"},
		{Role: ToKitaLeader, Name: "Tom Berg", Email: " t.berg@kita-nord.example "},
		{Role: ToKitaLeader, Name: "Ohne Adresse", Email: ""},
		{Role: ToKitaLeader, Name: "Nur Leerzeichen", Email: "   "},
		{Role: ToYouthOfficePlanner, Name: "Jugendamt Bielefeld", Email: "planung@bielefeld.example"},
		// the same person, also entered as provider contact and with another case
		{Role: ToProviderContact, Name: "Kerstin Yilmaz", Email: "k.yilmaz@AWO-Bielefeld.example"},
		{Role: ToAssessor, Name: "Dr. Sommer", Email: "sommer@paedquis.example"},
	}
	routing := DefaultRouting()
	got := Recipients(routing, SealMonths3, candidates)
	want := []Person{
		{Role: ToKitaLeader, Name: "Kerstin Yılmaz", Email: "K.Yilmaz@awo-bielefeld.example"},
		{Role: ToKitaLeader, Name: "Tom Berg", Email: "t.berg@kita-nord.example"},
		{Role: ToProviderContact, Name: "AWO Bielefeld", Email: "kita@awo-bielefeld.example"},
		{Role: ToYouthOfficePlanner, Name: "Jugendamt Bielefeld", Email: "planung@bielefeld.example"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Recipients(3 months) =\n%v\nwant\n%v", got, want)
	}

	// The order of the candidates does not matter.
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 50; i++ {
		shuffled := append([]Person(nil), candidates...)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		if again := Recipients(routing, SealMonths3, shuffled); !reflect.DeepEqual(again, want) {
			t.Fatalf("order depends on the candidates' order:\n%v", again)
		}
	}

	// When the provider contact comes first in the routing, the shared address is theirs.
	routing[SealMonths3] = []Role{ToProviderContact, ToKitaLeader}
	got = Recipients(routing, SealMonths3, candidates)
	if len(got) != 3 || got[0] != (Person{Role: ToProviderContact, Name: "Kerstin Yilmaz", Email: "k.yilmaz@AWO-Bielefeld.example"}) ||
		got[1] != (Person{Role: ToProviderContact, Name: "AWO Bielefeld", Email: "kita@awo-bielefeld.example"}) || got[2].Name != "Tom Berg" {
		t.Errorf("provider first: %v", got)
	}

	if got := Recipients(DefaultRouting(), NoDecision, candidates); len(got) != 1 || got[0].Email != "j.weber@isa.example" {
		t.Errorf("no decision: %v", got)
	}
	if got := Recipients(DefaultRouting(), VisitSoon, candidates); len(got) != 3 || got[2].Role != ToAssessor {
		t.Errorf("visit: %v", got)
	}
	if got := Recipients(DefaultRouting(), "seal.unknown", candidates); len(got) != 0 {
		t.Errorf("unrouted reminder: %v", got)
	}
	if got := Recipients(DefaultRouting(), SealMonths1, nil); len(got) != 0 {
		t.Errorf("no candidates: %v", got)
	}
}
