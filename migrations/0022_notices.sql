CREATE TABLE `notice_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`delivery_id` integer NOT NULL,
	`at` text NOT NULL,
	`ok` integer NOT NULL,
	`error` text,
	FOREIGN KEY (`delivery_id`) REFERENCES `notice_deliveries`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `notice_attempts_delivery_idx` ON `notice_attempts` (`delivery_id`);--> statement-breakpoint
CREATE TABLE `notice_deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`notice_id` integer NOT NULL,
	`channel` text NOT NULL,
	`address` text NOT NULL,
	`name` text,
	`user_id` integer,
	`language` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text NOT NULL,
	`last_error` text,
	`sent_at` text,
	`message_id` text NOT NULL,
	FOREIGN KEY (`notice_id`) REFERENCES `notices`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "notice_deliveries_channel_check" CHECK("notice_deliveries"."channel" IN ('email', 'webhook')),
	CONSTRAINT "notice_deliveries_status_check" CHECK("notice_deliveries"."status" IN ('pending', 'sent', 'failed')),
	CONSTRAINT "notice_deliveries_language_check" CHECK("notice_deliveries"."language" IN ('id', 'en'))
);
--> statement-breakpoint
CREATE INDEX `notice_deliveries_due_idx` ON `notice_deliveries` (`status`,`channel`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `notice_deliveries_notice_idx` ON `notice_deliveries` (`notice_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `notice_deliveries_message_unique` ON `notice_deliveries` (`message_id`);--> statement-breakpoint
CREATE TABLE `notice_preferences` (
	`user_id` integer NOT NULL,
	`kind` text NOT NULL,
	`enabled` integer NOT NULL,
	PRIMARY KEY(`user_id`, `kind`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "notice_preferences_kind_check" CHECK("notice_preferences"."kind" IN ('account_link', 'enrolment_confirmed', 'enrolment_waitlisted', 'enrolment_promoted', 'booking_confirmed', 'booking_moved', 'booking_cancelled', 'booking_displaced', 'booking_auto_scheduled', 'draft_status', 'reminder_booking', 'reminder_batch_day', 'summary_daily'))
);
--> statement-breakpoint
CREATE TABLE `notices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`programme_id` integer,
	`unit_id` integer,
	`user_id` integer,
	`facts` text NOT NULL,
	`secret` text,
	`dedupe_key` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`programme_id`) REFERENCES `programmes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "notices_kind_check" CHECK("notices"."kind" IN ('account_link', 'enrolment_confirmed', 'enrolment_waitlisted', 'enrolment_promoted', 'booking_confirmed', 'booking_moved', 'booking_cancelled', 'booking_displaced', 'booking_auto_scheduled', 'draft_status', 'reminder_booking', 'reminder_batch_day', 'summary_daily'))
);
--> statement-breakpoint
CREATE INDEX `notices_unit_idx` ON `notices` (`unit_id`);--> statement-breakpoint
CREATE INDEX `notices_kind_idx` ON `notices` (`kind`);--> statement-breakpoint
CREATE INDEX `notices_user_idx` ON `notices` (`user_id`,`kind`);--> statement-breakpoint
CREATE UNIQUE INDEX `notices_dedupe_unique` ON `notices` (`kind`,`dedupe_key`);--> statement-breakpoint
CREATE INDEX `slots_date_idx` ON `slots` (`date`);--> statement-breakpoint
CREATE INDEX `batch_days_date_idx` ON `batch_days` (`date`);