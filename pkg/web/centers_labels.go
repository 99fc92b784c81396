package web

import "github.com/kitacert/kitacert/pkg/cert"

// centerKinds name the kinds of center in German, in the order a form offers them.
var centerKinds = []option{
	{string(cert.CenterSingle), "Einzel-Familienzentrum"},
	{string(cert.CenterNetwork), "Verbund-Familienzentrum"},
}

// memberRoles name a Kita's roles in its center in German, in the order a form offers them.
var memberRoles = []option{
	{string(cert.RoleMember), cert.RoleMember.Label()},
	{string(cert.RoleContact), cert.RoleContact.Label()},
	{string(cert.RoleGrantRecipient), cert.RoleGrantRecipient.Label()},
}

// centerLabelOf returns the label of value among opts, else value itself.
func centerLabelOf(opts []option, value string) string {
	for _, o := range opts {
		if o.Value == value {
			return o.Label
		}
	}
	return value
}

// centerKindLabel names a center kind in German.
func centerKindLabel(k cert.CenterKind) string { return centerLabelOf(centerKinds, string(k)) }

// centerRoleLabel names a member role in German.
func centerRoleLabel(r cert.MemberRole) string { return r.Label() }

// centerSealBadge is the KERN badge modifier of a seal status: success while valid, warning
// when re-certification is due, info before it begins, danger once it ended.
func centerSealBadge(st cert.SealStatus) string {
	switch st {
	case cert.SealActive:
		return "success"
	case cert.SealRenewalDue:
		return "warning"
	case cert.SealPending:
		return "info"
	}
	return "danger"
}
