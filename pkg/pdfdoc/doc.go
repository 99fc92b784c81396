// Package pdfdoc renders the two printed documents of the seal
// "Familienzentrum NRW" as A4 PDF files: the quality profile (Qualitätsprofil,
// DVO KiBiz § 13) of one procedure with [RenderProfile] and the certificate
// (Urkunde) with [RenderCertificate].
//
// The package takes plain data: every string is already formatted by the
// caller (dates as "31.07.2027", kindergarten years as "2026/27") and the
// package knows nothing of the domain packages. Input that would give a broken
// document (a missing center name, a character the font has no glyph for, a
// certificate that does not fit on one page) is refused with an error that
// wraps [ErrInvalid].
//
// # Output
//
// The text is real, selectable text, set in the Go fonts (Go Regular and Go
// Bold from golang.org/x/image/font/gofont, designed by Bigelow & Holmes for
// the Go project and published under the BSD-style licence of the Go project;
// the licence text is in that module, files LICENSE and
// font/gofont/ttfs/README). They carry every German glyph (ä ö ü Ä Ö Ü ß „ “ –
// €) and are embedded as TrueType subsets (CIDFontType2, Identity-H) with a
// ToUnicode map, through the UTF-8 font support of codeberg.org/go-pdf/fpdf
// (MIT licence).
//
// Every document carries the language de-DE, title, subject, author, the
// creator "kitacert" and the creation and modification date from
// [Meta].Created (converted to UTC). Nothing reads the clock, and the same
// input gives the same bytes.
//
// # PDF/A-2b
//
// The output is aimed at PDF/A-2b, not validated: no validator (veraPDF) was
// run against it, so it makes no claim of conformance. What is done:
//
//   - XMP metadata (SetXmpMetadata) with pdfaid:part 2 and
//     pdfaid:conformance B, and dc:title, dc:description, dc:creator,
//     xmp:CreatorTool, xmp:CreateDate, xmp:ModifyDate and pdf:Producer set
//     to the same values as the document information dictionary;
//   - an output intent (AddOutputIntent, GTS_PDFA1) with the sRGB ICC
//     profile sRGB2014.icc of the International Color Consortium (icc/, with
//     its licence, which allows copying and embedding without restriction);
//     the colours are DeviceRGB, and the DeviceGray black fpdf sets at the
//     start of each page, both covered by that output intent;
//   - all fonts embedded; no transparency, no images, no annotations, no
//     JavaScript, no encryption;
//   - a document ID in the trailer.
//
// fpdf v0.12.0 has no API for the document ID, and with an output intent its
// trailer points /Info at the ICC stream instead of the information
// dictionary. After fpdf has written the file, the trailer, which comes after
// the cross-reference table so no offset moves, is therefore rewritten: /Info
// names the information dictionary (checked through the cross-reference
// table) and /ID carries a hash of the file. Known deviations that a
// validator may still report: fpdf writes the dates of the information
// dictionary without a time zone (the XMP dates say UTC, "Z"), gives every
// page a transparency group attribute (allowed in PDF/A-2, not in PDF/A-1)
// and names the font subsets without the six-letter subset tag.
package pdfdoc
