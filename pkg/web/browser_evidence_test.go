package web_test

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/kitacert/kitacert/pkg/access"
	"github.com/kitacert/kitacert/pkg/cert"
)

// byID selects the element with the id (ids of the questionnaire contain dots, which a
// CSS #id would take for classes).
func byID(id string) chromedp.CSS { return chromedp.CSS(`[id="` + id + `"]`) }

// clickInView clicks the element as the browser does for a person (its activation: a
// submit button checks and sends its form, a radio is chosen, a link followed), after
// scrolling it into view. The click is the DOM's, not a mouse event at coordinates: KERN
// scrolls smoothly (html { scroll-behavior: smooth }), and on a page as long as the
// questionnaire chromedp's mouse sometimes hit where the element was while the page
// still moved.
func clickInView(css string) chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void](`(() => {
		const el = document.querySelector(` + jsString(css) + `);
		el.scrollIntoView({block: 'center', behavior: 'instant'});
		el.focus();
		el.click();
		return {};
	})()`)
}

// TestBrowserEvidence: the Kita leader answers a criterion and uploads a PDF through the
// questionnaire's form in chromium (the file set on the <input type=file>, sent by
// upload.js with its progress bar), the assessor returns the criterion with a comment on
// the same page and requests the evidence, and the Kita leader finds the comment on the
// status page and, from there, at the criterion. Every page is checked (axe on SQLite,
// console and CSP on both).
func TestBrowserEvidence(t *testing.T) {
	c := newChrome(t)
	dir := t.TempDir()
	pdf := filepath.Join(dir, "Kooperationsvertrag.pdf")
	if err := os.WriteFile(pdf, testPDF("Kooperationsvertrag"), 0o644); err != nil {
		t.Fatal(err)
	}
	eachDB(t, func(t *testing.T, s *site) {
		base := listen(t, s)
		p := leaderProcedure(t, s)
		path := questionnairePath(p.ID)

		// On PostgreSQL (the same markup) axe and the weight are left out, as in the crawl.
		light := strings.HasSuffix(t.Name(), "/postgres")
		kl := signIn(t, c, s, base, access.RoleKitaLeader)
		kl.noAxe = light
		kl.open(path, http.StatusOK)
		kl.mustSee("Fragebogen", "Noch nicht beantwortet")
		kl.run("type the answer", chromedp.SendKeys(byID("f-answer-1.1-text"), "Kooperation mit der Beratungsstelle seit 2019."))
		kl.submit("save the answer", http.StatusOK, clickInView(`[id="antwort-1.1"] button[type=submit]`))
		kl.mustSee("Die Antwort ist gespeichert.", "In Bearbeitung")
		if !light {
			refusedByScript(t, kl, dir)
		}

		// upload.js has made the file field a drop zone; the live text goes to
		// sessionStorage, which survives the page change that follows the upload.
		if !eval[bool](kl, `document.querySelector('[id="hochladen-1.1"] .kc-dropzone').classList.contains('kc-dropzone--active')`) {
			t.Fatal("upload.js did not enhance the upload form")
		}
		eval[bool](kl, `(() => {
			const st = document.querySelector('[id="hochladen-1.1"] [data-upload-status]');
			new MutationObserver(() => sessionStorage.setItem('kc-progress', (sessionStorage.getItem('kc-progress') || '') + '|' + st.textContent))
				.observe(st, {childList: true, characterData: true, subtree: true});
			document.getElementById('f-upload-1.1-period_from').value = '2026-01-01';
			document.getElementById('f-upload-1.1-period_to').value = '2026-12-31';
			return true;
		})()`)
		kl.run("choose the file and type the title",
			chromedp.SetUploadFiles(byID("f-upload-1.1-file"), []string{pdf}),
			chromedp.SendKeys(byID("f-upload-1.1-title"), "Kooperationsvertrag"))
		kl.submit("upload the PDF", http.StatusOK, clickInView(`[id="hochladen-1.1"] button[type=submit]`))
		if got := kl.path(); got != path+"?hinweis=hochgeladen" {
			t.Errorf("after the upload at %s", got)
		}
		kl.mustSee("Das Dokument ist hochgeladen.", "Kooperationsvertrag.pdf", "Zeitraum 01.01.2026–31.12.2026", "Fassung 1")
		if live := eval[string](kl, `sessionStorage.getItem('kc-progress') || ''`); !strings.Contains(live, "% hochgeladen") {
			t.Errorf("the progress was not announced: %q", live)
		}

		// Handed in and taken into review (through the services: the step forms have
		// their own browser tests).
		for _, st := range []struct {
			role access.Role
			a    cert.Action
		}{{access.RoleKitaLeader, cert.ActSubmitEvidence}, {access.RoleAssessor, cert.ActStartReview}} {
			if _, err := s.svc.Procedures.Transition(s.ctxOf(st.role), p.ID, cert.Expect(current(t, s, p.ID).Version), cert.TransitionInput{Action: st.a}); err != nil {
				t.Fatal(err)
			}
		}

		as := signIn(t, c, s, base, access.RoleAssessor)
		as.noAxe = light
		as.open(path, http.StatusOK)
		as.mustSee("Kooperation mit der Beratungsstelle seit 2019.", "Kooperationsvertrag")
		comment := "Bitte den unterschriebenen Vertrag hochladen."
		as.run("return 1.1", clickInView(`[id="f-review-1.1-status-returned"]`), chromedp.SendKeys(byID("f-review-1.1-comment"), comment))
		as.submit("save the review", http.StatusOK, clickInView(`[id="pruefung-1.1"] button[type=submit]`))
		as.mustSee("Die Prüfung ist gespeichert.", "Bitte ergänzen: "+comment)
		comment2 := "Bitte die Angebote im Sozialraum nennen."
		as.run("return 1.2", clickInView(`[id="f-review-1.2-status-returned"]`), chromedp.SendKeys(byID("f-review-1.2-comment"), comment2))
		as.submit("save the second review", http.StatusOK, clickInView(`[id="pruefung-1.2"] button[type=submit]`))
		as.mustSee("Bitte ergänzen: " + comment2)
		as.open("/procedures/"+p.ID.String(), http.StatusOK)
		as.step(cert.ActRequestEvidence, map[string]string{"evidence_due_on": s.svc.Today().AddDays(30).String()}, http.StatusOK)
		as.mustSee(cert.StateEvidenceRequested.Label())

		kl.open("/", http.StatusOK)
		kl.mustSee("Was noch fehlt", "Kriterium 1.1: "+comment, "Zum Fragebogen")
		kl.submit("Zum Fragebogen", http.StatusOK, clickInView(`a[href="`+path+`"]`))
		kl.mustSee("Bitte ergänzen: "+comment, "Zurückgegeben")

		// The Kita leader answers only the returned criteria: the others have no form.
		if n := eval[int](kl, `document.querySelectorAll('[id^="antwort-"]').length`); n != 2 {
			t.Errorf("%d answer forms after the request, want the two returned criteria", n)
		}
		kl.run("answer 1.2", chromedp.SendKeys(byID("f-answer-1.2-text"), "Familienbildung im Stadtteilzentrum."))
		kl.submit("save 1.2", http.StatusOK, clickInView(`[id="antwort-1.2"] button[type=submit]`))
		kl.mustSee("Die Antwort ist gespeichert.")
		kl.open("/", http.StatusOK)
		kl.step(cert.ActSubmitEvidence, nil, http.StatusOK)
		kl.mustSee(cert.StateEvidenceSubmitted.Label())

		// The assessor takes it to the decision and certifies in the browser; then both
		// download the quality profile and the certificate.
		if _, err := s.svc.Procedures.Transition(s.ctxOf(access.RoleAssessor), p.ID, cert.Expect(current(t, s, p.ID).Version), cert.TransitionInput{Action: cert.ActStartReview}); err != nil {
			t.Fatal(err)
		}
		passAssessment(t, s, p.ID)
		for _, in := range []cert.TransitionInput{{Action: cert.ActScheduleVisit, VisitOn: s.svc.Today(), VisitSites: current(t, s, p.ID).Related.KitaIDs[:1]},
			{Action: cert.ActRecordVisit}} {
			if _, err := s.svc.Procedures.Transition(s.ctxOf(access.RoleAssessor), p.ID, cert.Expect(current(t, s, p.ID).Version), in); err != nil {
				t.Fatalf("%s: %v", in.Action, err)
			}
		}
		as.open("/procedures/"+p.ID.String(), http.StatusOK)
		as.step(cert.ActCertify, nil, http.StatusOK)
		as.mustSee(cert.StateCertified.Label(), "Qualitätsprofil, Fassung 1", "Urkunde")
		for _, tb := range []*tab{as, kl} {
			tb.open("/procedures/"+p.ID.String(), http.StatusOK)
			got := eval[string](tb, `(async () => {
				const links = [...document.querySelectorAll('a[href^="/issued-documents/"]')];
				const out = [];
				for (const a of links) {
					const r = await fetch(a.getAttribute('href'));
					const head = new TextDecoder().decode((await r.arrayBuffer()).slice(0, 5));
					out.push(r.status + ' ' + r.headers.get('Content-Type') + ' ' + head);
				}
				return out.join(', ');
			})()`)
			if got != "200 application/pdf %PDF-, 200 application/pdf %PDF-" {
				t.Errorf("%s downloads: %s", tb.name, got)
			}
		}
	})
}

// refusedByScript: upload.js refuses a file over the limit before sending it, and shows
// the server's German refusal of a wrong type at the form (the page stays).
func refusedByScript(t *testing.T, tb *tab, dir string) {
	t.Helper()
	big, wrong := filepath.Join(dir, "gross.pdf"), filepath.Join(dir, "falsch.pdf")
	if err := os.WriteFile(big, append(testPDF("groß"), make([]byte, 1_100_000)...), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(wrong, []byte("Dies ist kein PDF."), 0o644); err != nil {
		t.Fatal(err)
	}
	tb.run("type the title", chromedp.SendKeys(byID("f-upload-1.2-title"), "Vertrag"))
	for _, c := range []struct{ file, want string }{
		{big, "Die Datei ist größer als 1 MB"},
		{wrong, "Erlaubt sind PDF, JPEG, PNG, DOCX, XLSX, ODT und ODS"},
	} {
		tb.run("send "+filepath.Base(c.file), chromedp.SetUploadFiles(byID("f-upload-1.2-file"), []string{c.file}),
			clickInView(`[id="hochladen-1.2"] button[type=submit]`))
		shown := eval[string](tb, `new Promise(done => {
			const box = document.querySelector('[id="hochladen-1.2"] [data-upload-errors]');
			const until = Date.now() + 10000;
			(function look() {
				if (box.textContent.includes(`+jsString(c.want)+`) || Date.now() > until) { done(box.textContent); return; }
				setTimeout(look, 50);
			})();
		})`)
		if !strings.Contains(shown, c.want) {
			t.Errorf("%s: the form shows %q, want %q", filepath.Base(c.file), strings.TrimSpace(shown), c.want)
		}
	}
	// The refused request is the console's only complaint.
	for _, m := range tb.consoleErrors() {
		if m.Source != "network" || !strings.HasSuffix(m.URL, "/criteria/1.2/documents") {
			t.Errorf("console: %s (%s %s)", m, m.Source, m.URL)
		}
	}
	tb.axeCheck(tb.path())
}
