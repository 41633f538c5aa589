CREATE TABLE `revoked_calendar_tokens` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`unit_id` integer NOT NULL,
	`revoked_at` text NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
