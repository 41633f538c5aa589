-- Booking rules the schema language cannot express (see 0001_invariants.sql for why triggers).

-- An active booking sits on an open slot of its own period.
CREATE TRIGGER `bookings_guard_insert` BEFORE INSERT ON `bookings`
BEGIN
  SELECT RAISE(ABORT, 'SLOT_PERIOD_MISMATCH')
    WHERE NEW.period_id IS NOT (SELECT period_id FROM slots WHERE id = NEW.slot_id);
  SELECT RAISE(ABORT, 'SLOT_CLOSED')
    WHERE NEW.status = 'active' AND (SELECT status FROM slots WHERE id = NEW.slot_id) <> 'open';
END;
--> statement-breakpoint
CREATE TRIGGER `bookings_guard_update` BEFORE UPDATE OF slot_id, status, period_id ON `bookings`
BEGIN
  SELECT RAISE(ABORT, 'SLOT_PERIOD_MISMATCH')
    WHERE NEW.period_id IS NOT (SELECT period_id FROM slots WHERE id = NEW.slot_id);
  SELECT RAISE(ABORT, 'SLOT_CLOSED')
    WHERE NEW.status = 'active' AND (SELECT status FROM slots WHERE id = NEW.slot_id) <> 'open';
END;
--> statement-breakpoint
-- A slot cannot close under an active booking: the booking must be displaced first.
CREATE TRIGGER `slots_guard_close` BEFORE UPDATE OF status ON `slots`
WHEN NEW.status <> 'open'
BEGIN
  SELECT RAISE(ABORT, 'SLOT_HAS_BOOKING')
    WHERE EXISTS (SELECT 1 FROM bookings WHERE slot_id = NEW.id AND status = 'active');
END;
