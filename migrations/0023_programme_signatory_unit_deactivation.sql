ALTER TABLE `programmes` ADD `asistensi_partner` text;--> statement-breakpoint
ALTER TABLE `programmes` ADD `signatory_name` text;--> statement-breakpoint
ALTER TABLE `programmes` ADD `signatory_position` text;--> statement-breakpoint
ALTER TABLE `programmes` ADD `signatory_nip` text;--> statement-breakpoint
ALTER TABLE `units` ADD `deactivated_at` text;