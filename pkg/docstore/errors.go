package docstore

import "errors"

// The sentinel errors are for code to test with errors.Is; the German messages for
// people are the caller's (pkg/cert's ETOOLARGE names the limit, for instance).
var (
	// ErrTooLarge is returned by Put when the content is longer than the limit; nothing
	// stays stored.
	ErrTooLarge = errors.New("docstore: content exceeds the size limit")
	// ErrNotFound is what Open's error wraps when no blob is stored under the key.
	ErrNotFound = errors.New("docstore: no blob under this key")
	// ErrExists is what Put's error wraps when a blob is stored under the key already.
	ErrExists = errors.New("docstore: a blob exists under this key")
)
