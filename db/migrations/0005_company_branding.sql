CREATE TABLE `company_branding` (
	`company_id` integer PRIMARY KEY NOT NULL,
	`display_name` text,
	`accent_color` text,
	`logo` blob,
	`logo_type` text,
	`logo_version` integer DEFAULT 0 NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "company_branding_logo_pair" CHECK(("company_branding"."logo" is null) = ("company_branding"."logo_type" is null)),
	CONSTRAINT "company_branding_logo_type" CHECK("company_branding"."logo_type" in ('image/png', 'image/jpeg', 'image/webp'))
);
