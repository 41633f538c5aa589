CREATE TABLE `holiday_calendars` (
	`year` integer PRIMARY KEY NOT NULL,
	`decree` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `holiday_days` (
	`year` integer NOT NULL,
	`date` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	PRIMARY KEY(`year`, `date`),
	FOREIGN KEY (`year`) REFERENCES `holiday_calendars`(`year`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "holiday_days_kind_check" CHECK("holiday_days"."kind" IN ('holiday', 'cuti_bersama')),
	CONSTRAINT "holiday_days_year_check" CHECK(substr("holiday_days"."date", 1, 4) = CAST("holiday_days"."year" AS TEXT))
);
--> statement-breakpoint
ALTER TABLE `asistensi_periods` ADD `holiday_sources` text;