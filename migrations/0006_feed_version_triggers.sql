-- Every change that can alter a calendar feed raises the version of the scopes it touches
-- (see feed_versions in src/db/schema.ts). Feeds are served from memory while the versions
-- they were built from are unchanged; because the database keeps the versions, any writer
-- (a script, a second server process) invalidates them too. An UPDATE raises the old row's
-- scopes, and the new row's where they differ (a row moved to another programme or unit).
CREATE TRIGGER `feed_programmes_update` AFTER UPDATE ON `programmes`
BEGIN
  INSERT OR IGNORE INTO feed_versions (scope, version) SELECT 'programme:' || OLD.id, 0 WHERE 'programme:' || OLD.id IS NOT NULL;
  UPDATE feed_versions SET version = version + 1 WHERE scope = 'programme:' || OLD.id;
  INSERT OR IGNORE INTO feed_versions (scope, version) SELECT 'programme:' || NEW.id, 0 WHERE 'programme:' || NEW.id IS NOT NULL AND 'programme:' || NEW.id IS NOT 'programme:' || OLD.id;
  UPDATE feed_versions SET version = version + 1 WHERE scope = 'programme:' || NEW.id AND 'programme:' || NEW.id IS NOT 'programme:' || OLD.id;
END;
--> statement-breakpoint
CREATE TRIGGER `feed_batches_insert` AFTER INSERT ON `batches`
BEGIN
  INSERT OR IGNORE INTO feed_versions (scope, version) SELECT 'programme:' || NEW.programme_id, 0 WHERE 'programme:' || NEW.programme_id IS NOT NULL;
  UPDATE feed_versions SET version = version + 1 WHERE scope = 'programme:' || NEW.programme_id;
END;
--> statement-breakpoint
CREATE TRIGGER `feed_batches_update` AFTER UPDATE ON `batches`
BEGIN
  INSERT OR IGNORE INTO feed_versions (scope, version) SELECT 'programme:' || OLD.programme_id, 0 WHERE 'programme:' || OLD.programme_id IS NOT NULL;
  UPDATE feed_versions SET version = version + 1 WHERE scope = 'programme:' || OLD.programme_id;
  INSERT OR IGNORE INTO feed_versions (scope, version) SELECT 'programme:' || NEW.programme_id, 0 WHERE 'programme:' || NEW.programme_id IS NOT NULL AND 'programme:' || NEW.programme_id IS NOT 'programme:' || OLD.programme_id;
  UPDATE feed_versions SET version = version + 1 WHERE scope = 'programme:' || NEW.programme_id AND 'programme:' || NEW.programme_id IS NOT 'programme:' || OLD.programme_id;
END;
--> statement-breakpoint
CREATE TRIGGER `feed_batches_delete` AFTER DELETE ON `batches`
BEGIN
  INSERT OR IGNORE INTO feed_versions (scope, version) SELECT 'programme:' || OLD.programme_id, 0 WHERE 'programme:' || OLD.programme_id IS NOT NULL;
  UPDATE feed_versions SET version = version + 1 WHERE scope = 'programme:' || OLD.programme_id;
END;
--> statement-breakpoint
CREATE TRIGGER `feed_batch_days_insert` AFTER INSERT ON `batch_days`
BEGIN
  INSERT OR IGNORE INTO feed_versions (scope, version) SELECT (SELECT 'programme:' || programme_id FROM batches WHERE id = NEW.batch_id), 0 WHERE (SELECT 'programme:' || programme_id FROM batches WHERE id = NEW.batch_id) IS NOT NULL;
  UPDATE feed_versions SET version = version + 1 WHERE scope = (SELECT 'programme:' || programme_id FROM batches WHERE id = NEW.batch_id);
END;
--> statement-breakpoint
CREATE TRIGGER `feed_batch_days_update` AFTER UPDATE ON `batch_days`
BEGIN
  INSERT OR IGNORE INTO feed_versions (scope, version) SELECT (SELECT 'programme:' || programme_id FROM batches WHERE id = OLD.batch_id), 0 WHERE (SELECT 'programme:' || programme_id FROM batches WHERE id = OLD.batch_id) IS NOT NULL;
  UPDATE feed_versions SET version = version + 1 WHERE scope = (SELECT 'programme:' || programme_id FROM batches WHERE id = OLD.batch_id);
  INSERT OR IGNORE INTO feed_versions (scope, version) SELECT (SELECT 'programme:' || programme_id FROM batches WHERE id = NEW.batch_id), 0 WHERE (SELECT 'programme:' || programme_id FROM batches WHERE id = NEW.batch_id) IS NOT NULL AND (SELECT 'programme:' || programme_id FROM batches WHERE id = NEW.batch_id) IS NOT (SELECT 'programme:' || programme_id FROM batches WHERE id = OLD.batch_id);
  UPDATE feed_versions SET version = version + 1 WHERE scope = (SELECT 'programme:' || programme_id FROM batches WHERE id = NEW.batch_id) AND (SELECT 'programme:' || programme_id FROM batches WHERE id = NEW.batch_id) IS NOT (SELECT 'programme:' || programme_id FROM batches WHERE id = OLD.batch_id);
END;
--> statement-breakpoint
CREATE TRIGGER `feed_batch_days_delete` AFTER DELETE ON `batch_days`
BEGIN
  INSERT OR IGNORE INTO feed_versions (scope, version) SELECT (SELECT 'programme:' || programme_id FROM batches WHERE id = OLD.batch_id), 0 WHERE (SELECT 'programme:' || programme_id FROM batches WHERE id = OLD.batch_id) IS NOT NULL;
  UPDATE feed_versions SET version = version + 1 WHERE scope = (SELECT 'programme:' || programme_id FROM batches WHERE id = OLD.batch_id);
END;
--> statement-breakpoint
CREATE TRIGGER `feed_asistensi_periods_insert` AFTER INSERT ON `asistensi_periods`
BEGIN
  INSERT OR IGNORE INTO feed_versions (scope, version) SELECT 'programme:' || NEW.programme_id, 0 WHERE 'programme:' || NEW.programme_id IS NOT NULL;
  UPDATE feed_versions SET version = version + 1 WHERE scope = 'programme:' || NEW.programme_id;
END;
--> statement-breakpoint
CREATE TRIGGER `feed_asistensi_periods_update` AFTER UPDATE ON `asistensi_periods`
BEGIN
  INSERT OR IGNORE INTO feed_versions (scope, version) SELECT 'programme:' || OLD.programme_id, 0 WHERE 'programme:' || OLD.programme_id IS NOT NULL;
  UPDATE feed_versions SET version = version + 1 WHERE scope = 'programme:' || OLD.programme_id;
  INSERT OR IGNORE INTO feed_versions (scope, version) SELECT 'programme:' || NEW.programme_id, 0 WHERE 'programme:' || NEW.programme_id IS NOT NULL AND 'programme:' || NEW.programme_id IS NOT 'programme:' || OLD.programme_id;
  UPDATE feed_versions SET version = version + 1 WHERE scope = 'programme:' || NEW.programme_id AND 'programme:' || NEW.programme_id IS NOT 'programme:' || OLD.programme_id;
END;
--> statement-breakpoint
CREATE TRIGGER `feed_asistensi_periods_delete` AFTER DELETE ON `asistensi_periods`
BEGIN
  INSERT OR IGNORE INTO feed_versions (scope, version) SELECT 'programme:' || OLD.programme_id, 0 WHERE 'programme:' || OLD.programme_id IS NOT NULL;
  UPDATE feed_versions SET version = version + 1 WHERE scope = 'programme:' || OLD.programme_id;
END;
--> statement-breakpoint
CREATE TRIGGER `feed_bookings_insert` AFTER INSERT ON `bookings`
BEGIN
  INSERT OR IGNORE INTO feed_versions (scope, version) SELECT (SELECT 'programme:' || programme_id FROM asistensi_periods WHERE id = NEW.period_id), 0 WHERE (SELECT 'programme:' || programme_id FROM asistensi_periods WHERE id = NEW.period_id) IS NOT NULL;
  UPDATE feed_versions SET version = version + 1 WHERE scope = (SELECT 'programme:' || programme_id FROM asistensi_periods WHERE id = NEW.period_id);
  INSERT OR IGNORE INTO feed_versions (scope, version) SELECT 'unit:' || NEW.unit_id, 0 WHERE 'unit:' || NEW.unit_id IS NOT NULL;
  UPDATE feed_versions SET version = version + 1 WHERE scope = 'unit:' || NEW.unit_id;
END;
--> statement-breakpoint
CREATE TRIGGER `feed_bookings_update` AFTER UPDATE ON `bookings`
BEGIN
  INSERT OR IGNORE INTO feed_versions (scope, version) SELECT (SELECT 'programme:' || programme_id FROM asistensi_periods WHERE id = OLD.period_id), 0 WHERE (SELECT 'programme:' || programme_id FROM asistensi_periods WHERE id = OLD.period_id) IS NOT NULL;
  UPDATE feed_versions SET version = version + 1 WHERE scope = (SELECT 'programme:' || programme_id FROM asistensi_periods WHERE id = OLD.period_id);
  INSERT OR IGNORE INTO feed_versions (scope, version) SELECT 'unit:' || OLD.unit_id, 0 WHERE 'unit:' || OLD.unit_id IS NOT NULL;
  UPDATE feed_versions SET version = version + 1 WHERE scope = 'unit:' || OLD.unit_id;
  INSERT OR IGNORE INTO feed_versions (scope, version) SELECT (SELECT 'programme:' || programme_id FROM asistensi_periods WHERE id = NEW.period_id), 0 WHERE (SELECT 'programme:' || programme_id FROM asistensi_periods WHERE id = NEW.period_id) IS NOT NULL AND (SELECT 'programme:' || programme_id FROM asistensi_periods WHERE id = NEW.period_id) IS NOT (SELECT 'programme:' || programme_id FROM asistensi_periods WHERE id = OLD.period_id);
  UPDATE feed_versions SET version = version + 1 WHERE scope = (SELECT 'programme:' || programme_id FROM asistensi_periods WHERE id = NEW.period_id) AND (SELECT 'programme:' || programme_id FROM asistensi_periods WHERE id = NEW.period_id) IS NOT (SELECT 'programme:' || programme_id FROM asistensi_periods WHERE id = OLD.period_id);
  INSERT OR IGNORE INTO feed_versions (scope, version) SELECT 'unit:' || NEW.unit_id, 0 WHERE 'unit:' || NEW.unit_id IS NOT NULL AND 'unit:' || NEW.unit_id IS NOT 'unit:' || OLD.unit_id;
  UPDATE feed_versions SET version = version + 1 WHERE scope = 'unit:' || NEW.unit_id AND 'unit:' || NEW.unit_id IS NOT 'unit:' || OLD.unit_id;
END;
--> statement-breakpoint
CREATE TRIGGER `feed_bookings_delete` AFTER DELETE ON `bookings`
BEGIN
  INSERT OR IGNORE INTO feed_versions (scope, version) SELECT (SELECT 'programme:' || programme_id FROM asistensi_periods WHERE id = OLD.period_id), 0 WHERE (SELECT 'programme:' || programme_id FROM asistensi_periods WHERE id = OLD.period_id) IS NOT NULL;
  UPDATE feed_versions SET version = version + 1 WHERE scope = (SELECT 'programme:' || programme_id FROM asistensi_periods WHERE id = OLD.period_id);
  INSERT OR IGNORE INTO feed_versions (scope, version) SELECT 'unit:' || OLD.unit_id, 0 WHERE 'unit:' || OLD.unit_id IS NOT NULL;
  UPDATE feed_versions SET version = version + 1 WHERE scope = 'unit:' || OLD.unit_id;
END;
--> statement-breakpoint
CREATE TRIGGER `feed_enrolments_insert` AFTER INSERT ON `enrolments`
BEGIN
  INSERT OR IGNORE INTO feed_versions (scope, version) SELECT 'unit:' || NEW.unit_id, 0 WHERE 'unit:' || NEW.unit_id IS NOT NULL;
  UPDATE feed_versions SET version = version + 1 WHERE scope = 'unit:' || NEW.unit_id;
END;
--> statement-breakpoint
CREATE TRIGGER `feed_enrolments_update` AFTER UPDATE ON `enrolments`
BEGIN
  INSERT OR IGNORE INTO feed_versions (scope, version) SELECT 'unit:' || OLD.unit_id, 0 WHERE 'unit:' || OLD.unit_id IS NOT NULL;
  UPDATE feed_versions SET version = version + 1 WHERE scope = 'unit:' || OLD.unit_id;
  INSERT OR IGNORE INTO feed_versions (scope, version) SELECT 'unit:' || NEW.unit_id, 0 WHERE 'unit:' || NEW.unit_id IS NOT NULL AND 'unit:' || NEW.unit_id IS NOT 'unit:' || OLD.unit_id;
  UPDATE feed_versions SET version = version + 1 WHERE scope = 'unit:' || NEW.unit_id AND 'unit:' || NEW.unit_id IS NOT 'unit:' || OLD.unit_id;
END;
--> statement-breakpoint
CREATE TRIGGER `feed_enrolments_delete` AFTER DELETE ON `enrolments`
BEGIN
  INSERT OR IGNORE INTO feed_versions (scope, version) SELECT 'unit:' || OLD.unit_id, 0 WHERE 'unit:' || OLD.unit_id IS NOT NULL;
  UPDATE feed_versions SET version = version + 1 WHERE scope = 'unit:' || OLD.unit_id;
END;
--> statement-breakpoint
CREATE TRIGGER `feed_participants_update` AFTER UPDATE OF name, unit_id ON `participants`
BEGIN
  INSERT OR IGNORE INTO feed_versions (scope, version) SELECT 'unit:' || OLD.unit_id, 0 WHERE 'unit:' || OLD.unit_id IS NOT NULL;
  UPDATE feed_versions SET version = version + 1 WHERE scope = 'unit:' || OLD.unit_id;
  INSERT OR IGNORE INTO feed_versions (scope, version) SELECT 'unit:' || NEW.unit_id, 0 WHERE 'unit:' || NEW.unit_id IS NOT NULL AND 'unit:' || NEW.unit_id IS NOT 'unit:' || OLD.unit_id;
  UPDATE feed_versions SET version = version + 1 WHERE scope = 'unit:' || NEW.unit_id AND 'unit:' || NEW.unit_id IS NOT 'unit:' || OLD.unit_id;
END;
--> statement-breakpoint
CREATE TRIGGER `feed_participants_delete` AFTER DELETE ON `participants`
BEGIN
  INSERT OR IGNORE INTO feed_versions (scope, version) SELECT 'unit:' || OLD.unit_id, 0 WHERE 'unit:' || OLD.unit_id IS NOT NULL;
  UPDATE feed_versions SET version = version + 1 WHERE scope = 'unit:' || OLD.unit_id;
END;
--> statement-breakpoint
CREATE TRIGGER `feed_walk_ins_insert` AFTER INSERT ON `walk_ins`
BEGIN
  INSERT OR IGNORE INTO feed_versions (scope, version) SELECT 'unit:' || NEW.unit_id, 0 WHERE 'unit:' || NEW.unit_id IS NOT NULL;
  UPDATE feed_versions SET version = version + 1 WHERE scope = 'unit:' || NEW.unit_id;
END;
--> statement-breakpoint
CREATE TRIGGER `feed_walk_ins_update` AFTER UPDATE ON `walk_ins`
BEGIN
  INSERT OR IGNORE INTO feed_versions (scope, version) SELECT 'unit:' || OLD.unit_id, 0 WHERE 'unit:' || OLD.unit_id IS NOT NULL;
  UPDATE feed_versions SET version = version + 1 WHERE scope = 'unit:' || OLD.unit_id;
  INSERT OR IGNORE INTO feed_versions (scope, version) SELECT 'unit:' || NEW.unit_id, 0 WHERE 'unit:' || NEW.unit_id IS NOT NULL AND 'unit:' || NEW.unit_id IS NOT 'unit:' || OLD.unit_id;
  UPDATE feed_versions SET version = version + 1 WHERE scope = 'unit:' || NEW.unit_id AND 'unit:' || NEW.unit_id IS NOT 'unit:' || OLD.unit_id;
END;
--> statement-breakpoint
CREATE TRIGGER `feed_walk_ins_delete` AFTER DELETE ON `walk_ins`
BEGIN
  INSERT OR IGNORE INTO feed_versions (scope, version) SELECT 'unit:' || OLD.unit_id, 0 WHERE 'unit:' || OLD.unit_id IS NOT NULL;
  UPDATE feed_versions SET version = version + 1 WHERE scope = 'unit:' || OLD.unit_id;
END;
--> statement-breakpoint
CREATE TRIGGER `feed_drafts_insert` AFTER INSERT ON `drafts`
BEGIN
  INSERT OR IGNORE INTO feed_versions (scope, version) SELECT 'unit:' || NEW.unit_id, 0 WHERE 'unit:' || NEW.unit_id IS NOT NULL;
  UPDATE feed_versions SET version = version + 1 WHERE scope = 'unit:' || NEW.unit_id;
END;
--> statement-breakpoint
CREATE TRIGGER `feed_drafts_update` AFTER UPDATE ON `drafts`
BEGIN
  INSERT OR IGNORE INTO feed_versions (scope, version) SELECT 'unit:' || OLD.unit_id, 0 WHERE 'unit:' || OLD.unit_id IS NOT NULL;
  UPDATE feed_versions SET version = version + 1 WHERE scope = 'unit:' || OLD.unit_id;
  INSERT OR IGNORE INTO feed_versions (scope, version) SELECT 'unit:' || NEW.unit_id, 0 WHERE 'unit:' || NEW.unit_id IS NOT NULL AND 'unit:' || NEW.unit_id IS NOT 'unit:' || OLD.unit_id;
  UPDATE feed_versions SET version = version + 1 WHERE scope = 'unit:' || NEW.unit_id AND 'unit:' || NEW.unit_id IS NOT 'unit:' || OLD.unit_id;
END;
--> statement-breakpoint
CREATE TRIGGER `feed_drafts_delete` AFTER DELETE ON `drafts`
BEGIN
  INSERT OR IGNORE INTO feed_versions (scope, version) SELECT 'unit:' || OLD.unit_id, 0 WHERE 'unit:' || OLD.unit_id IS NOT NULL;
  UPDATE feed_versions SET version = version + 1 WHERE scope = 'unit:' || OLD.unit_id;
END;
--> statement-breakpoint
CREATE TRIGGER `feed_asistensi_requests_insert` AFTER INSERT ON `asistensi_requests`
BEGIN
  INSERT OR IGNORE INTO feed_versions (scope, version) SELECT 'unit:' || NEW.unit_id, 0 WHERE 'unit:' || NEW.unit_id IS NOT NULL;
  UPDATE feed_versions SET version = version + 1 WHERE scope = 'unit:' || NEW.unit_id;
END;
--> statement-breakpoint
CREATE TRIGGER `feed_asistensi_requests_delete` AFTER DELETE ON `asistensi_requests`
BEGIN
  INSERT OR IGNORE INTO feed_versions (scope, version) SELECT 'unit:' || OLD.unit_id, 0 WHERE 'unit:' || OLD.unit_id IS NOT NULL;
  UPDATE feed_versions SET version = version + 1 WHERE scope = 'unit:' || OLD.unit_id;
END;
--> statement-breakpoint
CREATE TRIGGER `feed_units_update` AFTER UPDATE OF name ON `units`
BEGIN
  INSERT OR IGNORE INTO feed_versions (scope, version) SELECT 'unit:' || OLD.id, 0 WHERE 'unit:' || OLD.id IS NOT NULL;
  UPDATE feed_versions SET version = version + 1 WHERE scope = 'unit:' || OLD.id;
  INSERT OR IGNORE INTO feed_versions (scope, version) SELECT 'all', 0 WHERE 'all' IS NOT NULL;
  UPDATE feed_versions SET version = version + 1 WHERE scope = 'all';
  INSERT OR IGNORE INTO feed_versions (scope, version) SELECT 'unit:' || NEW.id, 0 WHERE 'unit:' || NEW.id IS NOT NULL AND 'unit:' || NEW.id IS NOT 'unit:' || OLD.id;
  UPDATE feed_versions SET version = version + 1 WHERE scope = 'unit:' || NEW.id AND 'unit:' || NEW.id IS NOT 'unit:' || OLD.id;
END;
