package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"strings"
	"syscall"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
)

// IsUnavailable reports whether err says that the database could not be reached or did
// not answer in time (a refused or cut connection, a deadline that ran out, PostgreSQL's
// statement_timeout, a server shutting down, SQLite's lock not free within the busy
// timeout), rather than that the request or the code was wrong. Such a failure is worth
// retrying later; the API answers it with 503.
func IsUnavailable(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) {
		return false
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, driver.ErrBadConn) ||
		errors.Is(err, sql.ErrConnDone) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) {
		return true
	}
	var ne net.Error
	if errors.As(err, &ne) {
		return true
	}
	var ce *pgconn.ConnectError
	if errors.As(err, &ce) || pgconn.Timeout(err) {
		return true
	}
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		// 57014 query_canceled (statement_timeout), 57P01–57P03 shutdown and startup,
		// 53300 too many connections, class 08 connection exceptions.
		return pg.Code == "57014" || strings.HasPrefix(pg.Code, "57P") || pg.Code == "53300" || strings.HasPrefix(pg.Code, "08")
	}
	var lite *sqlite.Error
	if errors.As(err, &lite) {
		const busy, locked = 5, 6
		return lite.Code()&0xff == busy || lite.Code()&0xff == locked
	}
	return false
}
