// Package filetype tells the type of an uploaded evidence document from its content,
// never from its name: the name and the media type a browser sends are the uploader's
// claims, the bytes are what other people will open.
//
// kitacert accepts PDF, JPEG, PNG, DOCX, XLSX, ODT and ODS (see Types). Detect decides by
// these rules:
//
//   - PDF: the file starts with "%PDF-" and a version digit at offset 0. The PDF
//     specification lets readers find the header within the first 1024 bytes, but every
//     producer writes it at the start; leading bytes are what polyglot files (an HTML
//     page or a script that is also a PDF) rely on, so kitacert refuses them. The last
//     1024 bytes must hold the end marker "%%EOF"; a PDF without it was cut off
//     (typically a broken upload) and is refused with its own message
//     (Unsupported.Incomplete).
//   - JPEG: the file starts with FF D8 FF.
//   - PNG: the 8-byte PNG signature followed by the IHDR chunk (length 13).
//   - DOCX and XLSX: a zip file (starting with a local file header at offset 0, so a
//     self-extracting .exe is refused) whose [Content_Types].xml gives the main part
//     word/document.xml resp. xl/workbook.xml the content type of a plain Word document
//     resp. Excel workbook, and the main part is in the archive. Macro-enabled documents
//     (DOCM, XLSM, any vbaProject part) and templates are refused.
//   - ODT and ODS: a zip file whose first entry, read from the local file header at
//     offset 0, is the uncompressed file "mimetype" holding exactly the media type, as
//     the OpenDocument specification requires, and which holds content.xml. (The rule
//     that the mimetype entry carries no extra field is not enforced: too many
//     producers break it for it to tell anything.)
//
// Detect never inflates more than maxContentTypes bytes (the [Content_Types].xml of an
// OOXML file) and a few bytes of the ODF mimetype, so a zip bomb costs nothing. Reading the
// central directory of a zip takes memory in proportion to its size, which is bounded by
// the upload limit.
package filetype
