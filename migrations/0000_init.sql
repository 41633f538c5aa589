CREATE TABLE `api_keys` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key_hash` text NOT NULL,
	`prefix` text NOT NULL,
	`role` text NOT NULL,
	`unit_id` integer,
	`label` text NOT NULL,
	`created_at` text NOT NULL,
	`revoked_at` text,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "api_keys_role_check" CHECK("api_keys"."role" IN ('organiser', 'unit')),
	CONSTRAINT "api_keys_unit_check" CHECK(("api_keys"."role" = 'unit') = ("api_keys"."unit_id" IS NOT NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_hash_unique` ON `api_keys` (`key_hash`);--> statement-breakpoint
CREATE TABLE `attendance` (
	`enrolment_id` integer NOT NULL,
	`date` text NOT NULL,
	`present` integer NOT NULL,
	`recorded_at` text NOT NULL,
	PRIMARY KEY(`enrolment_id`, `date`),
	FOREIGN KEY (`enrolment_id`) REFERENCES `enrolments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`key_id` integer,
	`role` text NOT NULL,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` integer,
	`before` text,
	`after` text
);
--> statement-breakpoint
CREATE INDEX `audit_entity_idx` ON `audit_log` (`entity`,`entity_id`);--> statement-breakpoint
CREATE TABLE `batch_days` (
	`batch_id` integer NOT NULL,
	`date` text NOT NULL,
	`start_time` text NOT NULL,
	`end_time` text NOT NULL,
	PRIMARY KEY(`batch_id`, `date`),
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "batch_days_time_check" CHECK("batch_days"."start_time" < "batch_days"."end_time")
);
--> statement-breakpoint
CREATE TABLE `batches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`programme_id` integer NOT NULL,
	`name` text NOT NULL,
	`venue` text,
	`capacity` integer NOT NULL,
	`unit_quota` integer NOT NULL,
	`eligible_unit_kinds` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`programme_id`) REFERENCES `programmes`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "batches_capacity_check" CHECK("batches"."capacity" > 0),
	CONSTRAINT "batches_quota_check" CHECK("batches"."unit_quota" > 0 AND "batches"."unit_quota" <= "batches"."capacity")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `batches_programme_name_unique` ON `batches` (`programme_id`,`name`);--> statement-breakpoint
CREATE TABLE `enrolments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`batch_id` integer NOT NULL,
	`programme_id` integer NOT NULL,
	`participant_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`status` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`programme_id`) REFERENCES `programmes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "enrolments_status_check" CHECK("enrolments"."status" IN ('confirmed', 'waitlisted', 'cancelled'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `enrolments_one_active_per_programme` ON `enrolments` (`programme_id`,`participant_id`) WHERE "enrolments"."status" <> 'cancelled';--> statement-breakpoint
CREATE INDEX `enrolments_batch_status_unit_idx` ON `enrolments` (`batch_id`,`status`,`unit_id`);--> statement-breakpoint
CREATE INDEX `enrolments_participant_idx` ON `enrolments` (`participant_id`);--> statement-breakpoint
CREATE TABLE `participants` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`nip` text NOT NULL,
	`name` text NOT NULL,
	`position` text,
	`unit_id` integer NOT NULL,
	`email` text,
	`phone` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "participants_nip_check" CHECK(length("participants"."nip") = 18)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `participants_nip_unique` ON `participants` (`nip`);--> statement-breakpoint
CREATE INDEX `participants_unit_idx` ON `participants` (`unit_id`);--> statement-breakpoint
CREATE TABLE `programmes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`timezone` text NOT NULL,
	`draft_deadline` text,
	`final_deadline` text,
	`organiser_email` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `units` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`email` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	CONSTRAINT "units_kind_check" CHECK("units"."kind" IN ('dinas', 'badan', 'kantor', 'inspektorat', 'sekretariat', 'bagian', 'kecamatan', 'kelurahan', 'satpol_pp', 'rsud', 'other'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `units_code_unique` ON `units` (lower("code"));--> statement-breakpoint
CREATE INDEX `units_kind_idx` ON `units` (`kind`);