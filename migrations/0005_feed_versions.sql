CREATE TABLE `feed_versions` (
	`scope` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL
);
