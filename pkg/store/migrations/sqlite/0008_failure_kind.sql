-- 0008: the kind of a notification's last failure and the server's reply code get columns
-- of their own; until now the API read both back from the German text of last_error.
ALTER TABLE notifications ADD COLUMN failure_kind TEXT CHECK (failure_kind IN ('permanent', 'temporary', 'render'));
ALTER TABLE notifications ADD COLUMN reply_code TEXT NOT NULL DEFAULT '';
-- Backfill, once, from the texts the worker wrote so far: "Dauerhafter Zustellfehler: 550 …",
-- "Vorübergehender Zustellfehler: HTTP 503 …", "Nachricht nicht darstellbar: …". Other
-- texts (a sender without classification, "Keine Empfänger hinterlegt.") keep NULL.
UPDATE notifications SET failure_kind = 'permanent', reply_code = substr(last_error, length('Dauerhafter Zustellfehler: ') + 1)
 WHERE last_error LIKE 'Dauerhafter Zustellfehler: %';
UPDATE notifications SET failure_kind = 'temporary', reply_code = substr(last_error, length('Vorübergehender Zustellfehler: ') + 1)
 WHERE last_error LIKE 'Vorübergehender Zustellfehler: %';
UPDATE notifications SET failure_kind = 'render' WHERE last_error LIKE 'Nachricht nicht darstellbar: %';
-- reply_code holds the reply for now; keep its code: "550 5.1.1 …" and "HTTP 503 …" give
-- "550" and "503", a reply without code (a timeout) gives ''.
UPDATE notifications SET reply_code = substr(reply_code, 6) WHERE failure_kind IS NOT NULL AND reply_code LIKE 'HTTP %';
UPDATE notifications SET reply_code = CASE WHEN reply_code GLOB '[1-5][0-9][0-9]' OR reply_code GLOB '[1-5][0-9][0-9][ -]*'
 THEN substr(reply_code, 1, 3) ELSE '' END
 WHERE failure_kind IS NOT NULL;
