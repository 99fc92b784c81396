-- Search keys are folded in Go (cert.SearchKey: Unicode form, case, accents, ß as ss,
-- umlauts in both spellings). SQL cannot compute them on SQLite, so the migration step
-- "search_keys" rewrites search_name of every existing row in Go after this statement,
-- in the same transaction (see store.RebuildSearchKeys).
SELECT 1;
