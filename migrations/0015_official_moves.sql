-- An official moves to another unit only together with their active enrolments (the
-- participants service moves them first when asked to, or refuses the change).
CREATE TRIGGER `participants_guard_move` BEFORE UPDATE OF unit_id ON `participants`
WHEN OLD.unit_id IS NOT NEW.unit_id
BEGIN
  SELECT RAISE(ABORT, 'HAS_ACTIVE_ENROLMENT')
    WHERE EXISTS (SELECT 1 FROM enrolments WHERE participant_id = OLD.id AND status <> 'cancelled' AND unit_id <> NEW.unit_id);
END;
