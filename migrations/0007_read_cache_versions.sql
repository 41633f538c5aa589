-- Versions for cached listings too (see feed_versions): seat counts move with every
-- enrolment ('seats:<programme id>'), and slot statuses with closures ('programme:<id>').
CREATE TRIGGER `versions_enrolments_insert` AFTER INSERT ON `enrolments`
BEGIN
  INSERT OR IGNORE INTO feed_versions (scope, version) VALUES ('seats:' || NEW.programme_id, 0);
  UPDATE feed_versions SET version = version + 1 WHERE scope = 'seats:' || NEW.programme_id;
END;
--> statement-breakpoint
CREATE TRIGGER `versions_enrolments_update` AFTER UPDATE ON `enrolments`
BEGIN
  INSERT OR IGNORE INTO feed_versions (scope, version) VALUES ('seats:' || NEW.programme_id, 0);
  UPDATE feed_versions SET version = version + 1 WHERE scope = 'seats:' || NEW.programme_id;
END;
--> statement-breakpoint
CREATE TRIGGER `versions_enrolments_delete` AFTER DELETE ON `enrolments`
BEGIN
  INSERT OR IGNORE INTO feed_versions (scope, version) VALUES ('seats:' || OLD.programme_id, 0);
  UPDATE feed_versions SET version = version + 1 WHERE scope = 'seats:' || OLD.programme_id;
END;
--> statement-breakpoint
CREATE TRIGGER `versions_slots_insert` AFTER INSERT ON `slots`
BEGIN
  INSERT OR IGNORE INTO feed_versions (scope, version) SELECT 'programme:' || programme_id, 0 FROM asistensi_periods WHERE id = NEW.period_id;
  UPDATE feed_versions SET version = version + 1 WHERE scope = (SELECT 'programme:' || programme_id FROM asistensi_periods WHERE id = NEW.period_id);
END;
--> statement-breakpoint
CREATE TRIGGER `versions_slots_update` AFTER UPDATE ON `slots`
BEGIN
  INSERT OR IGNORE INTO feed_versions (scope, version) SELECT 'programme:' || programme_id, 0 FROM asistensi_periods WHERE id = NEW.period_id;
  UPDATE feed_versions SET version = version + 1 WHERE scope = (SELECT 'programme:' || programme_id FROM asistensi_periods WHERE id = NEW.period_id);
END;
