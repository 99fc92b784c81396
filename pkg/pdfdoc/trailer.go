package pdfdoc

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"strconv"
)

// errLayout says that fpdf wrote a file of a shape fixTrailer does not know.
var errLayout = errors.New("pdfdoc: unexpected structure of the fpdf output")

// fixTrailer rewrites the trailer of a file written by fpdf: /Info names the
// information dictionary, and /ID carries a hash of the file. The trailer
// comes after the cross-reference table, so no offset moves.
func fixTrailer(b []byte) ([]byte, error) {
	const head, tail = "\ntrailer\n<<\n", "\n>>\nstartxref\n"
	start := bytes.LastIndex(b, []byte(head))
	if start < 0 {
		return nil, fmt.Errorf("%w: no trailer", errLayout)
	}
	start += len(head)
	n := bytes.Index(b[start:], []byte(tail))
	if n < 0 {
		return nil, fmt.Errorf("%w: trailer not closed", errLayout)
	}
	end := start + n
	entries := map[string]int{}
	for line := range bytes.SplitSeq(b[start:end], []byte("\n")) {
		var key string
		var num int
		if _, err := fmt.Sscanf(string(line), "/%s %d", &key, &num); err != nil {
			return nil, fmt.Errorf("%w: trailer entry %q", errLayout, line)
		}
		entries[key] = num
	}
	size, root := entries["Size"], entries["Root"]
	if size == 0 || root == 0 {
		return nil, fmt.Errorf("%w: trailer without /Size or /Root", errLayout)
	}
	xref, err := xrefOffsets(b, end+len(tail), size)
	if err != nil {
		return nil, err
	}
	if !isObject(b, xref, root, "/Type /Catalog") {
		return nil, fmt.Errorf("%w: /Root is no catalog", errLayout)
	}
	// fpdf writes the information dictionary, the ICC streams of the
	// output intents and the catalog in this order.
	info := 0
	for _, candidate := range []int{entries["Info"], root - 2} {
		if isObject(b, xref, candidate, "/CreationDate") {
			info = candidate
			break
		}
	}
	if info == 0 {
		return nil, fmt.Errorf("%w: no information dictionary", errLayout)
	}
	sum := sha256.Sum256(b)
	id := fmt.Sprintf("<%X>", sum[:16])
	trailer := fmt.Sprintf("/Size %d\n/Root %d 0 R\n/Info %d 0 R\n/ID [%s %s]", size, root, info, id, id)
	out := make([]byte, 0, len(b)+len(trailer))
	out = append(out, b[:start]...)
	out = append(out, trailer...)
	return append(out, b[end:]...), nil
}

// xrefOffsets reads the cross-reference table that the startxref value at
// b[at:] points to and returns the offset of each object.
func xrefOffsets(b []byte, at, size int) ([]int, error) {
	line, _, _ := bytes.Cut(b[at:], []byte("\n"))
	pos, err := strconv.Atoi(string(line))
	if err != nil || pos < 0 || pos >= len(b) {
		return nil, fmt.Errorf("%w: startxref %q", errLayout, line)
	}
	head := fmt.Sprintf("xref\n0 %d\n", size)
	if !bytes.HasPrefix(b[pos:], []byte(head)) {
		return nil, fmt.Errorf("%w: no cross-reference table at %d", errLayout, pos)
	}
	const entryLen = 20 // "0000000015 00000 n \n"
	pos += len(head)
	offsets := make([]int, size)
	for i := range size {
		e := pos + i*entryLen
		if e+entryLen > len(b) {
			return nil, fmt.Errorf("%w: cross-reference table cut short", errLayout)
		}
		off, err := strconv.Atoi(string(b[e : e+10]))
		if err != nil {
			return nil, fmt.Errorf("%w: cross-reference entry %d", errLayout, i)
		}
		offsets[i] = off
	}
	return offsets, nil
}

// isObject reports whether object num starts where xref says and contains
// want before its end.
func isObject(b []byte, xref []int, num int, want string) bool {
	if num <= 0 || num >= len(xref) || xref[num] >= len(b) {
		return false
	}
	obj := b[xref[num]:]
	if !bytes.HasPrefix(obj, fmt.Appendf(nil, "%d 0 obj\n", num)) {
		return false
	}
	obj, _, found := bytes.Cut(obj, []byte("endobj"))
	return found && bytes.Contains(obj, []byte(want))
}
