package web

import (
	"fmt"

	"github.com/kitacert/kitacert/pkg/cert"
)

// compositionView states the rules the Centers service enforces for a center's members,
// in German, before anyone saves: the counted rules with whether the current composition
// meets them, and the rules of joining and leaving. The service checks them again on
// every change (cert.Center.CheckComposition, Centers.AddMember, RemoveMember).
type compositionView struct {
	Active   int // active members
	Counted  []compositionRule
	Free     int // Kitas that may still join without a size exception (network)
	Changing []string
}

// compositionRule is one counted rule and whether the current members meet it.
type compositionRule struct {
	Text string
	Now  string // what the current members have
	Met  bool
}

// compositionRules describes the rules for c's kind and checks them against its active
// members.
func compositionRules(c cert.Center) compositionView {
	counts := map[cert.MemberRole]int{}
	v := compositionView{}
	for _, m := range c.Members {
		if m.Active() {
			v.Active++
			counts[m.Role]++
		}
	}
	kitas := func(n int) string {
		if n == 1 {
			return "1 Kita"
		}
		return fmt.Sprintf("%d Kitas", n)
	}
	grant := compositionRule{Text: "Genau eine Kita ist Zuschussempfängerin.", Now: kitas(counts[cert.RoleGrantRecipient]), Met: counts[cert.RoleGrantRecipient] == 1}
	switch c.Kind {
	case cert.CenterSingle:
		v.Counted = []compositionRule{
			{Text: "Ein Einzel-Familienzentrum besteht aus genau einer Kita.", Now: kitas(v.Active), Met: v.Active == 1},
			grant,
		}
	default:
		v.Counted = []compositionRule{
			{Text: fmt.Sprintf("Ein Verbund braucht mindestens %d Kitas.", cert.NetworkMinMembers), Now: kitas(v.Active), Met: v.Active >= cert.NetworkMinMembers},
			{Text: fmt.Sprintf("Ein Verbund hat höchstens %d Kitas; mehr nur mit einer begründeten Ausnahme von der Größe.", cert.NetworkMaxMembers),
				Now: kitas(v.Active) + sizeException(c), Met: v.Active <= cert.NetworkMaxMembers || c.SizeExceptionReason != nil},
			grant,
			{Text: "Höchstens eine Kita ist Kontakt-Kita.", Now: kitas(counts[cert.RoleContact]), Met: counts[cert.RoleContact] <= 1},
		}
		if c.SizeExceptionReason == nil && v.Active < cert.NetworkMaxMembers {
			v.Free = cert.NetworkMaxMembers - v.Active
		}
	}
	v.Changing = []string{
		"Eine Kita gehört zur selben Zeit zu höchstens einem Familienzentrum; archivierte Kitas können nicht eintreten.",
		"Der Eintritt liegt nicht in der Zukunft und nicht vor dem Austritt der Kita aus einem früheren Familienzentrum.",
		"Übernimmt eine Kita die Rolle der Zuschussempfängerin oder der Kontakt-Kita, wird die bisherige Inhaberin einfaches Mitglied.",
		"Die Zuschussempfängerin kann nicht austreten: Übergeben Sie die Rolle zuerst an eine andere Kita.",
		"Der Austritt liegt nicht in der Zukunft und nicht vor dem Eintritt; nach dem Austritt müssen die Regeln oben weiter erfüllt sein.",
		"Eine Kita, die eintritt, ist vom Gütesiegel des Familienzentrums erfasst; mit dem Austritt endet das.",
		"Nur ein Verbund kann eine Ausnahme von der Größe haben.",
	}
	return v
}

// sizeException says whether c has a size exception, for the rule about the size.
func sizeException(c cert.Center) string {
	if c.SizeExceptionReason != nil {
		return ", mit Ausnahme von der Größe"
	}
	return ""
}
