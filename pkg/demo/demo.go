// Package demo loads a small, realistic demo data set (youth offices, providers, Kitas in
// Düsseldorf and Dortmund, centers and contacts) through the cert services. All people and
// addresses are fictitious; e-mail addresses use the reserved example.org and example.com
// domains.
package demo

import (
	"context"
	"fmt"

	"github.com/kitacert/kitacert/pkg/cert"
)

// Result reports what one Load did.
type Result struct {
	// AlreadyLoaded is true when the data set was there before and nothing was created.
	AlreadyLoaded bool
	// The number of objects this call created, by kind.
	YouthOffices, Providers, Kitas, Centers, Contacts int
}

// Total returns the number of objects this call created.
func (r Result) Total() int {
	return r.YouthOffices + r.Providers + r.Kitas + r.Centers + r.Contacts
}

// String summarises the result for a log line.
func (r Result) String() string {
	if r.AlreadyLoaded {
		return "demo data already loaded, nothing created"
	}
	return fmt.Sprintf("demo data created: %d youth offices, %d providers, %d kitas, %d centers, %d contacts",
		r.YouthOffices, r.Providers, r.Kitas, r.Centers, r.Contacts)
}

// Load creates the demo data set through svc. It is idempotent: when the last object of
// the set (a contact) exists, it creates nothing and reports AlreadyLoaded. After an
// interrupted load it creates only what is missing, finding existing objects by their
// natural keys (youth office code, names, addresses, e-mail addresses), so a later call
// completes the set without duplicates. Each object is created in its own transaction;
// concurrent calls are not safe.
func Load(ctx context.Context, svc *cert.Services) (Result, error) {
	done, err := complete(ctx, svc)
	if err != nil {
		return Result{}, fmt.Errorf("demo: check for existing data: %w", err)
	}
	if done {
		return Result{AlreadyLoaded: true}, nil
	}
	l := newLoader(svc)
	for _, step := range []func(context.Context) error{l.youthOffices, l.providers, l.kitas, l.centers, l.contacts} {
		if err := step(ctx); err != nil {
			return l.res, err
		}
	}
	l.res.AlreadyLoaded = l.res.Total() == 0
	return l.res, nil
}

// complete reports whether the last contact of the data set exists, which Load creates last.
func complete(ctx context.Context, svc *cert.Services) (bool, error) {
	all := contactSpecs()
	last := all[len(all)-1].person
	_, found, err := findFirst(ctx, func(ctx context.Context, p cert.Page) (cert.List[cert.Contact], error) {
		return svc.Contacts.List(ctx, cert.ContactFilter{Page: p, Q: last.name})
	}, func(c cert.Contact) bool { return c.Name == last.name && c.Email == last.email })
	return found, err
}
