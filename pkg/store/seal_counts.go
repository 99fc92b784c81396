package store

import (
	"context"

	"github.com/kitacert/kitacert/pkg/cert"
)

// SealStatusCounts counts the seals per status on asOf, with the same rules as the list
// filter (one COUNT per status over indexed columns), for the metrics.
func (db *DB) SealStatusCounts(ctx context.Context, asOf cert.Date, windowOffsetMonths int) (map[cert.SealStatus]int64, error) {
	out := map[cert.SealStatus]int64{}
	through := cert.RenewalDueThrough(asOf, windowOffsetMonths)
	for _, st := range []cert.SealStatus{cert.SealPending, cert.SealActive, cert.SealRenewalDue, cert.SealSuperseded, cert.SealExpired, cert.SealRevoked} {
		q, err := whereSealStatus(db.conn(ctx).Table("seals"), st, asOf, through)
		if err != nil {
			return nil, err
		}
		var n int64
		if err := q.Count(&n).Error; err != nil {
			return nil, mapError(err)
		}
		out[st] = n
	}
	return out, nil
}
