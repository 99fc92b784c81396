-- 0006: the Kitas a seal was awarded to are fixed at the decision; only they count for the
-- rule "the seal stays valid while more than half of the certified Kitas remain".
ALTER TABLE seal_kitas ADD COLUMN awarded boolean NOT NULL DEFAULT false;
-- Seals awarded before this column: awarded is the first coverage (beginning on or before
-- the seal's first day) of a Kita that was a member of the center on the day of the
-- decision. A Kita that joined after the decision (between a spring decision and 1 August,
-- or on the seal's first day) is covered but was not awarded. Without a decision day the
-- first coverage is the best record of the award there is.
UPDATE seal_kitas sk SET awarded = true
  FROM seals s JOIN procedures p ON p.id = s.procedure_id
 WHERE s.id = sk.seal_id AND sk.covered_from <= s.valid_from
   AND (p.decided_on IS NULL OR EXISTS (
        SELECT 1 FROM center_memberships m
         WHERE m.center_id = s.center_id AND m.kita_id = sk.kita_id
           AND m.joined_on <= p.decided_on AND (m.left_on IS NULL OR m.left_on >= p.decided_on)));
