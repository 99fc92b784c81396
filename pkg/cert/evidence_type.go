package cert

import (
	"errors"
	"io"

	"github.com/kitacert/kitacert/pkg/filetype"
)

// detectType finds the type of an upload from its content; a type kitacert does not
// accept is refused with the German message of pkg/filetype, which names the accepted ones.
func detectType(r io.ReaderAt, size int64) (filetype.Type, error) {
	t, err := filetype.Detect(r, size)
	if err == nil {
		return t, nil
	}
	var u *filetype.Unsupported
	if errors.As(err, &u) {
		return filetype.Type{}, &Error{Code: EUNSUPPORTED, Message: u.Error(), Fields: []FieldError{{Field: "file", Message: u.Error()}}}
	}
	return filetype.Type{}, err
}
