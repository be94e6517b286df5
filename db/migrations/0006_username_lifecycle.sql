CREATE TABLE `company_name_holds` (
	`company_id` integer NOT NULL,
	`company_username` text NOT NULL,
	`company_username_canonical` text NOT NULL,
	`user_id` integer,
	`held_until` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`company_id`, `company_username_canonical`),
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `global_names` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username` text NOT NULL,
	`username_canonical` text NOT NULL,
	`similarity_key` text NOT NULL,
	`user_id` integer,
	`held_until` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "global_names_live_has_owner" CHECK("global_names"."held_until" is not null or "global_names"."user_id" is not null)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `global_names_canonical_unique` ON `global_names` (`username_canonical`);--> statement-breakpoint
CREATE UNIQUE INDEX `global_names_similarity_key_unique` ON `global_names` (`similarity_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `global_names_live_user_unique` ON `global_names` (`user_id`) WHERE held_until is null;--> statement-breakpoint
CREATE INDEX `global_names_user_idx` ON `global_names` (`user_id`);--> statement-breakpoint
INSERT INTO `global_names` (`username`, `username_canonical`, `similarity_key`, `user_id`) SELECT `username`, `username_canonical`, `similarity_key`, `id` FROM `users` WHERE `username_canonical` IS NOT NULL;--> statement-breakpoint
UPDATE `reserved_rules` SET `kind` = CASE `kind` WHEN 'equals' THEN 'exact' ELSE 'prefix' END WHERE `kind` NOT IN ('exact', 'prefix');
