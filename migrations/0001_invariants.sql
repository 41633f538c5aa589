-- Invariants drizzle's schema language cannot express. The services check the same rules
-- first to give precise errors; these triggers make the rules hold even if a code path,
-- a script or a second server process gets it wrong.

-- A confirmed enrolment never makes a batch exceed its capacity or a unit its quota,
-- and always belongs to its batch's programme.
CREATE TRIGGER `enrolments_guard_insert` BEFORE INSERT ON `enrolments`
BEGIN
  SELECT RAISE(ABORT, 'PROGRAMME_MISMATCH')
    WHERE NEW.programme_id IS NOT (SELECT programme_id FROM batches WHERE id = NEW.batch_id);
  SELECT RAISE(ABORT, 'BATCH_FULL')
    WHERE NEW.status = 'confirmed'
      AND (SELECT count(*) FROM enrolments WHERE batch_id = NEW.batch_id AND status = 'confirmed')
        >= (SELECT capacity FROM batches WHERE id = NEW.batch_id);
  SELECT RAISE(ABORT, 'UNIT_QUOTA_REACHED')
    WHERE NEW.status = 'confirmed'
      AND (SELECT count(*) FROM enrolments WHERE batch_id = NEW.batch_id AND unit_id = NEW.unit_id AND status = 'confirmed')
        >= (SELECT unit_quota FROM batches WHERE id = NEW.batch_id);
END;
--> statement-breakpoint
CREATE TRIGGER `enrolments_guard_update` BEFORE UPDATE OF status, batch_id, unit_id, programme_id ON `enrolments`
BEGIN
  SELECT RAISE(ABORT, 'PROGRAMME_MISMATCH')
    WHERE NEW.programme_id IS NOT (SELECT programme_id FROM batches WHERE id = NEW.batch_id);
  SELECT RAISE(ABORT, 'BATCH_FULL')
    WHERE NEW.status = 'confirmed'
      AND (SELECT count(*) FROM enrolments WHERE batch_id = NEW.batch_id AND status = 'confirmed' AND id <> OLD.id)
        >= (SELECT capacity FROM batches WHERE id = NEW.batch_id);
  SELECT RAISE(ABORT, 'UNIT_QUOTA_REACHED')
    WHERE NEW.status = 'confirmed'
      AND (SELECT count(*) FROM enrolments WHERE batch_id = NEW.batch_id AND unit_id = NEW.unit_id AND status = 'confirmed' AND id <> OLD.id)
        >= (SELECT unit_quota FROM batches WHERE id = NEW.batch_id);
END;
--> statement-breakpoint
-- Capacity and quota can shrink only down to what is already confirmed.
CREATE TRIGGER `batches_guard_limits` BEFORE UPDATE OF capacity, unit_quota ON `batches`
BEGIN
  SELECT RAISE(ABORT, 'CAPACITY_BELOW_CONFIRMED')
    WHERE (SELECT count(*) FROM enrolments WHERE batch_id = NEW.id AND status = 'confirmed') > NEW.capacity;
  SELECT RAISE(ABORT, 'QUOTA_BELOW_CONFIRMED')
    WHERE EXISTS (
      SELECT 1 FROM enrolments WHERE batch_id = NEW.id AND status = 'confirmed'
      GROUP BY unit_id HAVING count(*) > NEW.unit_quota
    );
END;
