package httpapi_test

import (
	"net/http"
	"slices"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
)

// The lifecycle fixtures of the access tests (contingents, a catalogue, procedures and
// seals of the scene's centers), and TestAccessTransitions: every step of the state
// machine as every role, inside and outside the caller's scope.

const (
	contingentsPath = "/api/v1/contingents"
	proceduresPath  = "/api/v1/procedures"
	sealsPath       = "/api/v1/seals"
)

// accessYear is the kindergarten year of the scenes' nominations; today (testNow) lies in it.
const accessYear = "2026/27"

// accessKGJ is accessYear for the service.
var accessKGJ = func() cert.KindergartenYear {
	y, err := cert.ParseKindergartenYear(accessYear)
	if err != nil {
		panic(err)
	}
	return y
}()

// catalogue returns the scene's criteria catalogue (catDoc), loaded once per scene under a
// version of its own, so that scenes on one database never share one.
func (s *accessScene) catalogue() *accessObj {
	return s.memo("catalogue", "K", func() (obj, access.Related) {
		v := uniq("acc")
		s.a.must(http.StatusCreated, "PUT", catPath(v), catDoc(v))
		return obj{"version": v}, access.Related{}
	})
}

// contingent returns the contingent of youth office n for accessYear, with room for every
// nomination of the scene.
func (s *accessScene) contingent(n string) *accessObj {
	return s.memo("contingent", n, func() (obj, access.Related) {
		yo := s.yo(n)
		return s.a.must(http.StatusCreated, "POST", contingentsPath,
			obj{"youth_office_id": idOf(yo.obj), "kindergarten_year": accessYear, "places": 20}), yo.rel
	})
}

// procedurePath is how the system takes a new nomination to each state.
var procedurePath = func() map[cert.State][]cert.Action {
	review := []cert.Action{cert.ActRegister, cert.ActSubmitEvidence, cert.ActStartReview}
	visited := append(slices.Clone(review), cert.ActScheduleVisit, cert.ActRecordVisit)
	return map[cert.State][]cert.Action{
		cert.StateNominated:         nil,
		cert.StateRegistered:        {cert.ActRegister},
		cert.StateEvidenceSubmitted: {cert.ActRegister, cert.ActSubmitEvidence},
		cert.StateInReview:          review,
		cert.StateEvidenceRequested: append(slices.Clone(review), cert.ActRequestEvidence),
		cert.StateVisitScheduled:    append(slices.Clone(review), cert.ActScheduleVisit),
		cert.StateVisited:           visited,
		cert.StateCertified:         append(slices.Clone(visited), cert.ActCertify),
		cert.StateNotCertified:      append(slices.Clone(review), cert.ActReject),
		cert.StateWithdrawn:         {cert.ActWithdraw},
		cert.StateDeferred:          {cert.ActDefer},
	}
}()

// passingFindings pass every area of catDoc.
var passingFindings = []cert.AssessmentItem{{Code: "1.1", Met: true}, {Code: "1.1.1", Met: true}, {Code: "1.3", Met: true}, {Code: "7.1", Met: true}}

// stepBody is a request for step act, with valid fields, on a procedure of the center at
// (see procedure).
func (s *accessScene) stepBody(act cert.Action, at string) obj {
	b := obj{"action": string(act), "comment": "Schritt " + string(act)}
	switch act {
	case cert.ActRegister:
		b["evidence_due_on"] = "2027-01-15"
	case cert.ActRequestEvidence:
		b["missing"], b["evidence_due_on"] = "Der Fragebogen zu Bereich 7", "2027-02-01"
	case cert.ActScheduleVisit:
		b["visit_on"], b["visit_sites"] = "2026-11-22", []string{idOf(s.kita(at).obj), idOf(s.kita(at + "m").obj)}
	case cert.ActReject, cert.ActWithdraw:
		b["reason"] = "Zu Testzwecken."
	}
	return b
}

// requiredFields are the fields a step is refused without (docs/lifecycle.md), for a
// procedure of a network.
var requiredFields = map[cert.Action][]string{
	cert.ActRegister:        {"evidence_due_on"},
	cert.ActRequestEvidence: {"evidence_due_on", "missing"},
	cert.ActScheduleVisit:   {"visit_on", "visit_sites"},
	cert.ActReject:          {"reason"},
	cert.ActWithdraw:        {"reason"},
}

// stepInput turns a stepBody into the service's input.
func stepInput(b obj) cert.TransitionInput {
	str := func(k string) string { v, _ := b[k].(string); return v }
	date := func(k string) cert.Date {
		if v := str(k); v != "" {
			return cert.MustParseDate(v)
		}
		return cert.Date{}
	}
	in := cert.TransitionInput{Action: cert.Action(str("action")), Comment: str("comment"), EvidenceDueOn: date("evidence_due_on"),
		Missing: str("missing"), VisitOn: date("visit_on"), Reason: str("reason")}
	sites, _ := b["visit_sites"].([]string)
	for _, id := range sites {
		in.VisitSites = append(in.VisitSites, uuid.MustParse(id))
	}
	return in
}

// procedure returns a procedure of the center of Kitas at and at+"m" (see center), of
// this kind for accessYear against the scene's catalogue, nominated and taken to state st
// by the system along procedurePath; on its way through in_review the findings are
// recorded to pass. Its obj holds id, version, kind and state as they are then. A center
// has one open procedure at most, so a scene asks for one open state per place.
func (s *accessScene) procedure(at string, kind cert.ProcedureKind, st cert.State) *accessObj {
	return s.memo("procedure", at+"/"+string(kind)+"/"+string(st), func() (obj, access.Related) {
		s.a.t.Helper()
		c := s.center(at, at+"m")
		if kind == cert.KindInitial {
			s.contingent(at[:1])
		}
		p, err := s.a.svc.Procedures.Create(sys, cert.NewProcedure{CenterID: uuidOf(c.obj), Kind: kind,
			Year: accessKGJ, CatalogueVersion: s.catalogue().obj["version"].(string)})
		if err != nil {
			s.a.t.Fatalf("nominate %s: %v", at, err)
		}
		for _, act := range procedurePath[st] {
			if p, err = s.a.svc.Procedures.Transition(sys, p.ID, cert.Expect(p.Version), stepInput(s.stepBody(act, at))); err != nil {
				s.a.t.Fatalf("%s on the way to %s: %v", act, st, err)
			}
			if act == cert.ActStartReview {
				if _, err := s.a.svc.Assessments.Put(sys, p.ID, passingFindings); err != nil {
					s.a.t.Fatal(err)
				}
			}
		}
		if p.State != st {
			s.a.t.Fatalf("procedure in state %s, want %s", p.State, st)
		}
		m := obj{"id": p.ID.String(), "version": float64(p.Version), // as decoded JSON has it
			"kind": string(p.Kind), "state": string(p.State), "youth_office_id": p.YouthOfficeID.String()}
		if p.SealID != nil {
			m["seal_id"] = p.SealID.String()
		}
		return m, c.rel
	})
}

// seal returns the seal of the center at, from a procedure run to certified; its obj is
// the seal as GET shows it.
func (s *accessScene) seal(at string) *accessObj {
	return s.memo("seal", at, func() (obj, access.Related) {
		p := s.procedure(at, cert.KindInitial, cert.StateCertified)
		return s.a.get(sealsPath + "/" + p.obj["seal_id"].(string)), p.rel
	})
}

// history gives the center at a past procedure (certified), its seal and an open
// re-certification (registered), for the reads.
func (s *accessScene) history(at string) (done, open, seal *accessObj) {
	seal = s.seal(at)
	return s.procedure(at, cert.KindInitial, cert.StateCertified), s.procedure(at, cert.KindRecertification, cert.StateRegistered), seal
}

// certProcedure is the procedure o as the state machine sees it, related as the scene
// says (not as the store computes it).
func certProcedure(o *accessObj) cert.Procedure {
	p := cert.Procedure{Kind: cert.ProcedureKind(o.obj["kind"].(string)), State: cert.State(o.obj["state"].(string)), Related: o.rel}
	if yo, ok := o.obj["youth_office_id"].(string); ok {
		p.YouthOfficeID = uuid.MustParse(yo) // withdraw and defer are judged by the nominating office
	}
	return p
}

// actionNames are the actions the principal may take on p by the policy and the state machine.
func actionNames(p *access.Principal, proc cert.Procedure) []string {
	out := []string{}
	for _, a := range cert.AllowedActions(*p, proc) {
		out = append(out, string(a))
	}
	return out
}

// strs returns a decoded JSON array of strings ([] for null or absent).
func strs(v any) []string {
	out := []string{}
	xs, _ := v.([]any)
	for _, x := range xs {
		s, _ := x.(string)
		out = append(out, s)
	}
	return out
}

// checkAllowed checks the allowed_actions of a procedure answer m against the policy and
// the state machine.
func checkAllowed(t *testing.T, p *access.Principal, m obj, proc cert.Procedure) {
	t.Helper()
	if yo, ok := m["youth_office_id"].(string); ok && proc.YouthOfficeID == uuid.Nil {
		proc.YouthOfficeID = uuid.MustParse(yo) // withdraw and defer are judged by the nominating office
	}
	if d := cmp.Diff(actionNames(p, proc), strs(m["allowed_actions"])); d != "" {
		t.Errorf("allowed_actions of %s in state %s (-policy and state machine +got):\n%s", p.Role, proc.State, d)
	}
}

// checkProcedure returns a check that the answer is procedure o in state st with the
// caller's allowed actions.
func checkProcedure(o *accessObj, st cert.State) func(t *testing.T, p *access.Principal, r response) {
	return func(t *testing.T, p *access.Principal, r response) {
		t.Helper()
		m := r.JSON(t)
		if idOf(m) != idOf(o.obj) || m["state"] != string(st) {
			t.Errorf("answer is %s in state %v, want %s in state %s", idOf(m), m["state"], idOf(o.obj), st)
		}
		proc := certProcedure(o)
		proc.State = st
		checkAllowed(t, p, m, proc)
	}
}

// checkStatus checks a status answer about the center of history(at): the center, its
// seal for those who may read it, and the open procedure exactly for those with
// procedure.read on it, with the caller's allowed actions.
func (s *accessScene) checkStatus(at string) func(t *testing.T, p *access.Principal, r response) {
	c := s.center(at, at+"m")
	_, open, seal := s.history(at)
	return func(t *testing.T, p *access.Principal, r response) {
		t.Helper()
		m := r.JSON(t)
		if m["center_id"] != idOf(c.obj) {
			t.Errorf("status of center %v, want %s", m["center_id"], idOf(c.obj))
		}
		sl, _ := m["seal"].(obj)
		switch {
		case sl != nil && idOf(sl) != idOf(seal.obj):
			t.Errorf("status shows seal %s, want %s", idOf(sl), idOf(seal.obj))
		case sl == nil && p.Can(access.SealRead, seal.rel):
			t.Errorf("status shows no seal, but %s may read %s", p.Role, idOf(seal.obj))
		}
		op, _ := m["open_procedure"].(obj)
		show := p.Can(access.ProcedureRead, open.rel)
		switch {
		case show && op == nil:
			t.Errorf("status hides the open procedure from %s, who has procedure.read on it", p.Role)
		case !show && op != nil:
			t.Errorf("status shows the open procedure to %s, who lacks procedure.read on it", p.Role)
		case show:
			if idOf(op) != idOf(open.obj) {
				t.Errorf("open procedure %s, want %s", idOf(op), idOf(open.obj))
			}
			checkAllowed(t, p, op, certProcedure(open))
		}
	}
}

// transitionCase is one step taken on a procedure of this kind in state from.
type transitionCase struct {
	tr   cert.Transition
	kind cert.ProcedureKind
	from cert.State
}

// fits reports whether the state machine lets the step start there: the state is one of
// its From states, and only initial nominations can be deferred (docs/lifecycle.md).
func (c transitionCase) fits() bool {
	return slices.Contains(c.tr.From, c.from) && (c.tr.Action != cert.ActDefer || c.kind == cert.KindInitial)
}

// transitionCases returns, for every step of cert.Transitions, a case from each state it
// starts from and one from the first state of the lifecycle it does not start from; for
// defer also one from a nominated re-certification.
func transitionCases() []transitionCase {
	var out []transitionCase
	for _, tr := range cert.Transitions {
		for _, st := range tr.From {
			out = append(out, transitionCase{tr, cert.KindInitial, st})
		}
		for _, st := range cert.States {
			if !slices.Contains(tr.From, st) {
				out = append(out, transitionCase{tr, cert.KindInitial, st})
				break
			}
		}
		if tr.Action == cert.ActDefer {
			out = append(out, transitionCase{tr, cert.KindRecertification, cert.StateNominated})
		}
	}
	return out
}

// transitionWant is the status of c taken by me (nil: anonymous) on a procedure related as
// rel, by the policy and the state machine in the order of checks of docs/lifecycle.md:
// visibility, the caller's right for the step, (If-Match,) the state.
func transitionWant(me *accessUser, c transitionCase, pr *accessObj) int {
	rel := pr.rel
	switch {
	case me == nil:
		return http.StatusUnauthorized
	case !me.p.Can(access.ProcedureRead, rel):
		return http.StatusNotFound
	case !c.tr.Allows(me.p, certProcedure(pr)):
		return http.StatusForbidden
	case !c.fits():
		return http.StatusConflict
	}
	return http.StatusOK
}

// TestAccessTransitions takes every step of the state machine as every role and
// anonymously, on a procedure inside and one outside the caller's scope, from every state
// the step starts from and from one it does not. The expected status comes from the
// policy and the state machine alone (transitionWant), and so do the allowed actions of
// every answer (cert.AllowedActions). The order of checks is tried as well: a step refused
// for visibility or rights is refused the same without If-Match; one refused for its state
// answers 428 without If-Match and 409 without its fields; one that succeeds is first
// refused without If-Match (428), with a stale one (412) and without its required fields
// (400), then it moves the procedure to the step's target state and is recorded in the
// history as the caller's.
//
// The procedures of one kind and state share a scene: refused steps change nothing (which
// is checked once they are all done), and every step expected to succeed gets a scene of
// its own.
func TestAccessTransitions(t *testing.T) {
	t.Parallel()
	groups := map[string][]transitionCase{}
	var names []string
	for _, c := range transitionCases() {
		g := string(c.kind) + "/" + string(c.from)
		if groups[g] == nil {
			names = append(names, g)
		}
		groups[g] = append(groups[g], c)
	}
	eachDB(t, func(t *testing.T, a *env) {
		var mu sync.Mutex
		tally := map[int]int{}
		t.Cleanup(func() {
			n := 0
			for _, c := range tally {
				n += c
			}
			t.Logf("%d steps, expected statuses %v", n, tally)
			for _, s := range []int{200, 401, 403, 404, 409} {
				if tally[s] == 0 && !t.Failed() {
					t.Errorf("no step expects %d", s)
				}
			}
		})
		for _, g := range names {
			t.Run(g, func(t *testing.T) {
				t.Parallel()
				shared := newAccessScene(a.in(t))
				kind, from := groups[g][0].kind, groups[g][0].from
				place := func(s *accessScene, me *accessUser, side string) string {
					if side == "out" {
						return s.outside(me)
					}
					return placeInside
				}
				var procs []*accessObj
				for _, role := range accessPrincipals {
					for _, side := range []string{"in", "out"} {
						me := shared.user(role)
						pr := shared.procedure(place(shared, me, side), kind, from)
						if !slices.Contains(procs, pr) {
							procs = append(procs, pr)
						}
						t.Run("view/"+principalName(role)+"/"+side, func(t *testing.T) {
							t.Parallel()
							checkView(t, a.in(t), me, pr)
						})
					}
				}
				t.Cleanup(func() {
					for _, pr := range procs {
						now := a.in(t).do("GET", proceduresPath+"/"+idOf(pr.obj), nil)
						if m := now.JSON(t); versionOf(m) != versionOf(pr.obj) || m["state"] != pr.obj["state"] {
							t.Errorf("refused steps changed procedure %s: version %d, state %v", pr.name, versionOf(m), m["state"])
						}
					}
				})
				for _, c := range groups[g] {
					for _, role := range accessPrincipals {
						for _, side := range []string{"in", "out"} {
							me := shared.user(role)
							at := place(shared, me, side)
							pr, body := shared.procedure(at, kind, from), shared.stepBody(c.tr.Action, at)
							t.Run(string(c.tr.Action)+"/"+principalName(role)+"/"+side, func(t *testing.T) {
								t.Parallel()
								if transitionWant(me, c, pr) == http.StatusOK {
									s := newAccessScene(a.in(t))
									me = s.user(role)
									at = place(s, me, side)
									pr, body = s.procedure(at, kind, from), s.stepBody(c.tr.Action, at)
								}
								status := runTransition(t, a.in(t), c, me, pr, body)
								mu.Lock()
								tally[status]++
								mu.Unlock()
							})
						}
					}
				}
			})
		}
	})
}

// checkView reads the procedure pr as me: 401 anonymously, 404 without procedure.read on
// it, else the procedure with the steps the caller may take now.
func checkView(t *testing.T, a *env, me *accessUser, pr *accessObj) {
	t.Helper()
	want := http.StatusOK
	switch {
	case me == nil:
		want = http.StatusUnauthorized
	case !me.p.Can(access.ProcedureRead, pr.rel):
		want = http.StatusNotFound
	}
	r := a.do("GET", proceduresPath+"/"+idOf(pr.obj), nil, me.authHeader()...)
	if r.Status != want {
		t.Fatalf("GET %s: status %d, want %d\n%s", pr.name, r.Status, want, r.Body)
	}
	if want != http.StatusOK {
		checkProblem(t, r, want, accessProblemTypes[want], nil)
		return
	}
	checkVersionETag(t, r)
	checkAllowed(t, me.principal(), r.JSON(t), certProcedure(pr))
}

// runTransition takes step c as me on the procedure pr with body and checks every answer;
// it returns the expected status of the step.
func runTransition(t *testing.T, a *env, c transitionCase, me *accessUser, pr *accessObj, body obj) int {
	t.Helper()
	want := transitionWant(me, c, pr)
	path := proceduresPath + "/" + idOf(pr.obj)
	post := func(body obj, ifMatch ...string) response {
		return a.do("POST", path+"/transitions", body, append(me.authHeader(), ifMatch...)...)
	}
	current := []string{"If-Match", quoted(versionOf(pr.obj))}
	expect := func(what string, r response, status int, typ string, fields []string) {
		t.Helper()
		if r.Status != status {
			t.Fatalf("%s as %s on %s: status %d, want %d\n%s", what, principalName(roleOf(me)), pr.name, r.Status, status, r.Body)
		}
		if status >= 400 {
			checkProblem(t, r, status, typ, fields)
		}
	}
	bare := obj{"action": string(c.tr.Action)}
	switch want {
	case http.StatusUnauthorized:
		expect("the step", post(body, current...), want, accessProblemTypes[want], nil)
	case http.StatusNotFound, http.StatusForbidden:
		expect("the step", post(body, current...), want, accessProblemTypes[want], nil)
		expect("without If-Match", post(body), want, accessProblemTypes[want], nil)
	case http.StatusConflict:
		r := post(body, current...)
		expect("the step", r, want, probConflict, nil)
		if d := cmp.Diff(actionNames(me.principal(), certProcedure(pr)), strs(r.JSON(t)["allowed_actions"])); d != "" {
			t.Errorf("allowed_actions of the 409 (-policy and state machine +got):\n%s", d)
		}
		expect("without If-Match", post(body), http.StatusPreconditionRequired, probPrecondition, nil)
		expect("without its fields", post(bare, current...), want, probConflict, nil)
	case http.StatusOK:
		expect("without If-Match", post(body), http.StatusPreconditionRequired, probPrecondition, nil)
		expect("with a stale If-Match", post(body, "If-Match", quoted(versionOf(pr.obj)+7)), http.StatusPreconditionFailed, probStale, nil)
		if fields := requiredFields[c.tr.Action]; fields != nil {
			expect("without its fields", post(bare, current...), http.StatusBadRequest, probValidation, fields)
		}
		r := post(body, current...)
		expect("the step", r, want, "", nil)
		checkVersionETag(t, r)
		if m := r.JSON(t); versionOf(m) <= versionOf(pr.obj) {
			t.Errorf("version %d after the step, was %d", versionOf(m), versionOf(pr.obj))
		}
		checkProcedure(pr, c.tr.To)(t, me.principal(), r)
		events := items(t, a.get(path+"/events"))
		last := events[len(events)-1]
		if last["action"] != string(c.tr.Action) || last["from"] != string(c.from) || last["to"] != string(c.tr.To) ||
			last["actor_id"] != me.ID.String() || last["actor_role"] != string(me.Role) || last["comment"] != body["comment"] {
			t.Errorf("last event %v, want %s from %s to %s by %s", last, c.tr.Action, c.from, c.tr.To, me.ID)
		}
	}
	return want
}

// roleOf returns the role of u ("" for anonymous).
func roleOf(u *accessUser) access.Role {
	if u == nil {
		return ""
	}
	return u.Role
}
