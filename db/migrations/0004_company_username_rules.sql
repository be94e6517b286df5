CREATE TABLE `company_reserved_names` (
	`company_id` integer NOT NULL,
	`name` text NOT NULL,
	`name_canonical` text NOT NULL,
	PRIMARY KEY(`company_id`, `name_canonical`),
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `company_username_rules` (
	`company_id` integer PRIMARY KEY NOT NULL,
	`min_length` integer DEFAULT 1 NOT NULL,
	`max_length` integer DEFAULT 64 NOT NULL,
	`pattern` text,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "company_username_rules_lengths" CHECK("company_username_rules"."min_length" >= 1 and "company_username_rules"."max_length" <= 64 and "company_username_rules"."min_length" <= "company_username_rules"."max_length")
);
