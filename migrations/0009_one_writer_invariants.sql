-- Rules that let each table keep one writer in code (see README, "How it is built").
-- The hand-written version triggers of 0006 give way to the ones generated from
-- src/features/derived-data.ts (the next migration).
DROP TRIGGER IF EXISTS `feed_programmes_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `feed_batches_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `feed_batches_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `feed_batches_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `feed_batch_days_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `feed_batch_days_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `feed_batch_days_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `feed_asistensi_periods_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `feed_asistensi_periods_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `feed_asistensi_periods_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `feed_bookings_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `feed_bookings_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `feed_bookings_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `feed_enrolments_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `feed_enrolments_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `feed_enrolments_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `feed_participants_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `feed_participants_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `feed_walk_ins_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `feed_walk_ins_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `feed_walk_ins_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `feed_drafts_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `feed_drafts_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `feed_drafts_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `feed_asistensi_requests_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `feed_asistensi_requests_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `feed_units_update`;
--> statement-breakpoint
-- Booking a unit fulfils its open request: the bookings feature never writes requests.
CREATE TRIGGER `requests_fulfil_on_booking` AFTER INSERT ON `bookings`
WHEN NEW.status = 'active'
BEGIN
  UPDATE asistensi_requests SET status = 'scheduled', booking_id = NEW.id, updated_at = NEW.created_at
    WHERE period_id = NEW.period_id AND unit_id = NEW.unit_id AND status = 'open';
END;
--> statement-breakpoint
-- An official with an active enrolment cannot be deleted (cancelled enrolments go with them).
CREATE TRIGGER `participants_guard_delete` BEFORE DELETE ON `participants`
BEGIN
  SELECT RAISE(ABORT, 'PARTICIPANT_ENROLLED')
    WHERE EXISTS (SELECT 1 FROM enrolments WHERE participant_id = OLD.id AND status <> 'cancelled');
END;
