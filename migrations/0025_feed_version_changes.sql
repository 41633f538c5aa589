CREATE TABLE `feed_version_changes` (
	`scope` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `feed_version_changes_scope_idx` ON `feed_version_changes` (`scope`);