CREATE TABLE `partner_feeds` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`issued_at` text NOT NULL,
	`replaced_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `partner_feeds_one_current` ON `partner_feeds` (("replaced_at" IS NULL)) WHERE "partner_feeds"."replaced_at" IS NULL;