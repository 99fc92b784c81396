-- 0005: the Kitas a seal was awarded to are fixed at the decision; only they count for the
-- rule "the seal stays valid while more than half of the certified Kitas remain".
ALTER TABLE seal_kitas ADD COLUMN awarded INTEGER NOT NULL DEFAULT 0;
-- Seals awarded before this column: the coverage that began on or before the seal's first
-- day is the best record of the award there is.
UPDATE seal_kitas SET awarded = 1
 WHERE covered_from <= (SELECT s.valid_from FROM seals s WHERE s.id = seal_kitas.seal_id);
