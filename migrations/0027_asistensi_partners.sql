CREATE TABLE `asistensi_partners` (
	`programme_id` integer NOT NULL,
	`partner` text NOT NULL,
	`granted_at` text NOT NULL,
	PRIMARY KEY(`programme_id`, `partner`),
	FOREIGN KEY (`programme_id`) REFERENCES `programmes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `asistensi_partners_partner_idx` ON `asistensi_partners` (`partner`);--> statement-breakpoint
ALTER TABLE `bookings` ADD `notes` text;