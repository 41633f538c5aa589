CREATE TABLE `asistensi_periods` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`programme_id` integer NOT NULL,
	`name` text NOT NULL,
	`start_date` text NOT NULL,
	`working_days` integer NOT NULL,
	`slot_times` text NOT NULL,
	`skip_weekends` integer NOT NULL,
	`use_national_holidays` integer NOT NULL,
	`location` text,
	`booking_opens_at` text,
	`priority_until` text,
	`booking_closes_at` text,
	`priority_cutoff` text,
	`cancel_notice_hours` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`programme_id`) REFERENCES `programmes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `asistensi_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`period_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`preferred_dates` text NOT NULL,
	`notes` text,
	`status` text NOT NULL,
	`booking_id` integer,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`period_id`) REFERENCES `asistensi_periods`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`booking_id`) REFERENCES `bookings`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "requests_status_check" CHECK("asistensi_requests"."status" IN ('open', 'scheduled', 'withdrawn'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `requests_one_open_per_unit` ON `asistensi_requests` (`period_id`,`unit_id`) WHERE "asistensi_requests"."status" = 'open';--> statement-breakpoint
CREATE TABLE `bookings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`period_id` integer NOT NULL,
	`slot_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`topic` text,
	`status` text NOT NULL,
	`attended` integer,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`cancelled_at` text,
	FOREIGN KEY (`period_id`) REFERENCES `asistensi_periods`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`slot_id`) REFERENCES `slots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "bookings_status_check" CHECK("bookings"."status" IN ('active', 'cancelled', 'displaced'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bookings_one_per_slot` ON `bookings` (`slot_id`) WHERE "bookings"."status" = 'active';--> statement-breakpoint
CREATE UNIQUE INDEX `bookings_one_per_unit` ON `bookings` (`period_id`,`unit_id`) WHERE "bookings"."status" = 'active';--> statement-breakpoint
CREATE INDEX `bookings_period_status_idx` ON `bookings` (`period_id`,`status`);--> statement-breakpoint
CREATE INDEX `bookings_unit_idx` ON `bookings` (`unit_id`);--> statement-breakpoint
CREATE TABLE `closed_dates` (
	`period_id` integer NOT NULL,
	`date` text NOT NULL,
	`reason` text NOT NULL,
	`source` text NOT NULL,
	PRIMARY KEY(`period_id`, `date`),
	FOREIGN KEY (`period_id`) REFERENCES `asistensi_periods`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "closed_dates_source_check" CHECK("closed_dates"."source" IN ('holiday', 'organiser'))
);
--> statement-breakpoint
CREATE TABLE `drafts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`programme_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`title` text NOT NULL,
	`sop_count` integer NOT NULL,
	`received_at` text NOT NULL,
	`status` text NOT NULL,
	`notes` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`programme_id`) REFERENCES `programmes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "drafts_status_check" CHECK("drafts"."status" IN ('received', 'reviewed', 'final', 'enacted')),
	CONSTRAINT "drafts_sop_count_check" CHECK("drafts"."sop_count" > 0)
);
--> statement-breakpoint
CREATE INDEX `drafts_programme_unit_idx` ON `drafts` (`programme_id`,`unit_id`,`received_at`);--> statement-breakpoint
CREATE TABLE `slots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`period_id` integer NOT NULL,
	`date` text NOT NULL,
	`start_time` text NOT NULL,
	`end_time` text NOT NULL,
	`status` text NOT NULL,
	FOREIGN KEY (`period_id`) REFERENCES `asistensi_periods`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "slots_status_check" CHECK("slots"."status" IN ('open', 'closed', 'withdrawn')),
	CONSTRAINT "slots_time_check" CHECK("slots"."start_time" < "slots"."end_time")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `slots_period_date_start_unique` ON `slots` (`period_id`,`date`,`start_time`);--> statement-breakpoint
CREATE TABLE `walk_ins` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`period_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`date` text NOT NULL,
	`notes` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`period_id`) REFERENCES `asistensi_periods`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `walk_ins_unit_date_unique` ON `walk_ins` (`period_id`,`unit_id`,`date`);