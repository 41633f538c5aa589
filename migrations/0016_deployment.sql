CREATE TABLE `deployment` (
	`id` integer PRIMARY KEY NOT NULL,
	`uid` text NOT NULL,
	CONSTRAINT "deployment_single_row" CHECK("deployment"."id" = 1)
);
