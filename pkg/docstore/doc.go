// Package docstore keeps the contents of documents (evidence, quality profiles,
// certificates) in a bucket behind gocloud.dev/blob; the database keeps what is known
// about them, under the key it chose.
//
// The bucket comes from the setting KITACERT_BLOB_URL, one of
//
//   - file:///abs/dir: files in a directory (fileblob). Open creates the directory if
//     missing and, unless the URL says otherwise, adds fileblob's create_dir and
//     no_tmp_dir parameters. fileblob writes a blob to a temporary file and renames it to
//     the key on Close (gocloud.dev v0.49, blob/fileblob: createTemp, writer.Close), so a
//     crash never leaves half a blob under a key. With no_tmp_dir the temporary file sits
//     next to the final one ("<key>.<hex nanoseconds>.tmp") instead of in os.TempDir: a
//     rename across mounts (a volume for the data, the container's /tmp) would fail with
//     "invalid cross-device link". A temporary file left by a crash is listed by Walk like
//     a blob; having no database row, the orphan sweep removes it after the grace period.
//     The media type lives in a sidecar "<key>.attrs", which fileblob writes just before
//     the rename and hides from listings.
//   - s3://bucket?endpoint=http://host:9000&region=eu-central-1&use_path_style=true: an
//     S3 bucket (s3blob, aws-sdk-go-v2). The credentials come from the environment as
//     usual (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or a profile, or a role). The
//     query parameters are those of gocloud.dev/aws.V2ConfigFromURLParams (endpoint,
//     region, profile, hostname_immutable, request_checksum_calculation,
//     response_checksum_validation, …) and of s3blob (use_path_style or its old name
//     s3ForcePathStyle, disable_https, accelerate, ssetype, kmskeyid); an unknown one is
//     an error. endpoint is only needed for S3-compatible stores other than AWS; it
//     carries its own http:// or https://, so disable_https is not needed with it.
//     Unless the URL sets them, Open adds request_checksum_calculation=when_required
//     and response_checksum_validation=when_required. Under the SDK's default
//     (when_supported, since 2025) an upload over HTTPS goes as an unsigned aws-chunked
//     body with a trailing x-amz-checksum-crc32, which some S3-compatible stores do not
//     decode: gofakes3 v1.2.0, for one, stores the chunk framing as the content. With
//     when_required the body goes plain: over HTTPS as UNSIGNED-PAYLOAD without a
//     checksum header (TLS guards it on the way), over plain HTTP with the SHA-256 of
//     the payload signed in x-amz-content-sha256; Put's own SHA-256 goes to the
//     database either way. On responses, when_supported would make the SDK log
//     "Response has no supported checksum" to stderr on every read from a store that
//     sends no checksums; when_required avoids that. AWS itself works either way.
//   - mem://: memory (memblob), for tests.
//
// Put never leaves a partial blob: on a broken upload, an upload over its limit or a
// cancelled context it cancels the context of the blob writer before closing it, which
// makes every driver drop the write (fileblob removes its temporary file, memblob
// discards its buffer, s3blob fails the PutObject or aborts the multipart upload). Put
// does not overwrite: it refuses a key that exists and writes with IfNotExist (fileblob
// checks under a process-wide lock, S3 sends If-None-Match: *, which the store must
// support).
package docstore
