package store_test

import (
	"testing"

	"github.com/google/uuid"

	"github.com/kitacert/kitacert/pkg/cert"
	"github.com/kitacert/kitacert/pkg/store"
	"github.com/kitacert/kitacert/pkg/store/storetest"
)

// TestListByName: Kitas, providers, youth offices and contacts page in name order
// (case and umlauts folded, ties by id) with cursors that carry name and id, on every
// database; without ByName the order stays creation order.
func TestListByName(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newSvcEnv(t, db)
		p, o := e.provider(t, "Zebra-Träger"), e.youthOffice(t, "Jugendamt Xanten")
		names := []string{"Kita Zwerge", "kita anker", "Kita Äpfel", "Kita Mitte", "Kita Mitte", "Kita bär", "Kita Öl"}
		byName := []string{"kita anker", "Kita Äpfel", "Kita bär", "Kita Mitte", "Kita Mitte", "Kita Öl", "Kita Zwerge"}
		ids := map[uuid.UUID]string{}
		var created []uuid.UUID
		for _, n := range names {
			k := e.kita(t, n, "Düsseldorf", p, o)
			ids[k.ID] = n
			created = append(created, k.ID)
			e.contact(t, n, &k.ID)
		}
		e.provider(t, "Ähren-Träger")
		e.youthOffice(t, "Jugendamt aachen")

		got, _ := walk(t, 2, false, func(pg cert.Page) (cert.List[cert.Kita], error) {
			pg.ByName = true
			return e.svc.Kitas.List(e.ctx, cert.KitaFilter{Page: pg})
		}, func(k cert.Kita) uuid.UUID { return k.ID })
		if len(got) != len(byName) {
			t.Fatalf("got %d Kitas, want %d", len(got), len(byName))
		}
		for i, id := range got {
			if ids[id] != byName[i] {
				t.Errorf("Kita %d: %q, want %q", i, ids[id], byName[i])
			}
		}
		if mitte := got[3:5]; mitte[0].String() > mitte[1].String() {
			t.Error("equal names are not ordered by id")
		}
		plain, _ := walk(t, 3, false, func(pg cert.Page) (cert.List[cert.Kita], error) {
			return e.svc.Kitas.List(e.ctx, cert.KitaFilter{Page: pg})
		}, func(k cert.Kita) uuid.UUID { return k.ID })
		for i := range plain {
			if plain[i] != created[i] {
				t.Fatalf("without ByName the order is not creation order")
			}
		}

		contacts, _ := walk(t, 3, false, func(pg cert.Page) (cert.List[cert.Contact], error) {
			pg.ByName = true
			return e.svc.Contacts.List(e.ctx, cert.ContactFilter{Page: pg})
		}, func(c cert.Contact) uuid.UUID { return c.ID })
		if len(contacts) != len(names) {
			t.Errorf("got %d contacts, want %d", len(contacts), len(names))
		}
		provs, err := e.svc.Providers.List(e.ctx, cert.ProviderFilter{Page: cert.Page{Limit: 1, ByName: true}})
		if err != nil || len(provs.Items) != 1 || provs.Items[0].Name != "Ähren-Träger" {
			t.Errorf("providers by name: %v %+v", err, provs.Items)
		}
		offices, err := e.svc.YouthOffices.List(e.ctx, cert.YouthOfficeFilter{Page: cert.Page{Limit: 1, ByName: true}})
		if err != nil || len(offices.Items) != 1 || offices.Items[0].Name != "Jugendamt aachen" {
			t.Errorf("youth offices by name: %v %+v", err, offices.Items)
		}
	})
}
