ALTER TABLE `batches` ADD `sequence` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `bookings` ADD `sequence` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `programmes` ADD `public_calendar` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `programmes` ADD `sequence` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `units` ADD `calendar_token_hash` text;--> statement-breakpoint
ALTER TABLE `units` ADD `calendar_token_issued_at` text;--> statement-breakpoint
CREATE UNIQUE INDEX `units_calendar_token_unique` ON `units` (`calendar_token_hash`);