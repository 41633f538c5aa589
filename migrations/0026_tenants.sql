CREATE TABLE `tenants` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`parent_id` integer,
	`organisation_name` text,
	`timezone` text,
	`mail_from` text,
	`host` text,
	`database` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`parent_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "tenants_kind_check" CHECK("tenants"."kind" IN ('provinsi', 'kabupaten', 'kota', 'kementerian'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tenants_slug_unique` ON `tenants` (`slug`);--> statement-breakpoint
CREATE UNIQUE INDEX `tenants_host_unique` ON `tenants` (`host`);--> statement-breakpoint
CREATE UNIQUE INDEX `tenants_database_unique` ON `tenants` (`database`);--> statement-breakpoint
CREATE UNIQUE INDEX `tenants_one_home` ON `tenants` (("database" IS NULL)) WHERE "tenants"."database" IS NULL;