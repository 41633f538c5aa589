CREATE INDEX `requests_unit_idx` ON `asistensi_requests` (`unit_id`);--> statement-breakpoint
CREATE INDEX `drafts_unit_idx` ON `drafts` (`unit_id`);--> statement-breakpoint
CREATE INDEX `enrolments_unit_idx` ON `enrolments` (`unit_id`);--> statement-breakpoint
CREATE INDEX `walk_ins_unit_idx` ON `walk_ins` (`unit_id`);