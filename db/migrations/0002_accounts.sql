CREATE TABLE `account_tokens` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`purpose` text NOT NULL,
	`email` text,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "account_tokens_purpose_check" CHECK("account_tokens"."purpose" in ('reset', 'verify'))
);
--> statement-breakpoint
CREATE INDEX `account_tokens_user_purpose_idx` ON `account_tokens` (`user_id`,`purpose`);--> statement-breakpoint
ALTER TABLE `users` ADD `email_canonical` text;--> statement-breakpoint
ALTER TABLE `users` ADD `email_verified_at` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `session_version` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Addresses given before they had to be unique: the first account keeps one (none was verified, and
-- none was used for anything yet); later accounts with the same address in any case lose theirs.
UPDATE `users` SET `email` = NULL WHERE `email` IS NOT NULL AND EXISTS (SELECT 1 FROM `users` AS `earlier` WHERE lower(`earlier`.`email`) = lower(`users`.`email`) AND `earlier`.`id` < `users`.`id`);--> statement-breakpoint
UPDATE `users` SET `email_canonical` = lower(`email`) WHERE `email` IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_canonical_unique` ON `users` (`email_canonical`);