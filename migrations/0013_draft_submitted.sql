PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_drafts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`programme_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`title` text NOT NULL,
	`sop_count` integer NOT NULL,
	`received_at` text,
	`status` text NOT NULL,
	`notes` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`programme_id`) REFERENCES `programmes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "drafts_status_check" CHECK("__new_drafts"."status" IN ('submitted', 'received', 'reviewed', 'final', 'enacted')),
	CONSTRAINT "drafts_sop_count_check" CHECK("__new_drafts"."sop_count" > 0)
);
--> statement-breakpoint
INSERT INTO `__new_drafts`("id", "programme_id", "unit_id", "title", "sop_count", "received_at", "status", "notes", "created_at", "updated_at") SELECT "id", "programme_id", "unit_id", "title", "sop_count", "received_at", "status", "notes", "created_at", "updated_at" FROM `drafts`;--> statement-breakpoint
DROP TABLE `drafts`;--> statement-breakpoint
ALTER TABLE `__new_drafts` RENAME TO `drafts`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `drafts_programme_unit_idx` ON `drafts` (`programme_id`,`unit_id`,`received_at`);--> statement-breakpoint
CREATE INDEX `drafts_unit_idx` ON `drafts` (`unit_id`);