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
	`document_name` text,
	`document_type` text,
	`document_size` integer,
	`document_sha256` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`programme_id`) REFERENCES `programmes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "drafts_status_check" CHECK("__new_drafts"."status" IN ('submitted', 'received', 'reviewed', 'final', 'enacted')),
	CONSTRAINT "drafts_sop_count_check" CHECK("__new_drafts"."sop_count" > 0),
	CONSTRAINT "drafts_document_type_check" CHECK("__new_drafts"."document_type" IS NULL OR "__new_drafts"."document_type" IN ('pdf', 'docx', 'xlsx')),
	CONSTRAINT "drafts_document_whole" CHECK(("__new_drafts"."document_sha256" IS NULL) = ("__new_drafts"."document_type" IS NULL) AND ("__new_drafts"."document_sha256" IS NULL) = ("__new_drafts"."document_name" IS NULL) AND ("__new_drafts"."document_sha256" IS NULL) = ("__new_drafts"."document_size" IS NULL))
);
--> statement-breakpoint
INSERT INTO `__new_drafts`("id", "programme_id", "unit_id", "title", "sop_count", "received_at", "status", "notes", "document_name", "document_type", "document_size", "document_sha256", "created_at", "updated_at") SELECT "id", "programme_id", "unit_id", "title", "sop_count", "received_at", "status", "notes", NULL, NULL, NULL, NULL, "created_at", "updated_at" FROM `drafts`;--> statement-breakpoint
DROP TABLE `drafts`;--> statement-breakpoint
ALTER TABLE `__new_drafts` RENAME TO `drafts`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `drafts_programme_unit_idx` ON `drafts` (`programme_id`,`unit_id`,`received_at`);--> statement-breakpoint
CREATE INDEX `drafts_unit_idx` ON `drafts` (`unit_id`);