CREATE TABLE "company_branding" (
	"company_id" bigint NOT NULL,
	"display_name" text,
	"accent_color" text,
	"logo" "bytea",
	"logo_type" text,
	"logo_version" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "company_branding_company_id_pk" PRIMARY KEY("company_id"),
	CONSTRAINT "company_branding_logo_pair" CHECK (("company_branding"."logo" is null) = ("company_branding"."logo_type" is null)),
	CONSTRAINT "company_branding_logo_type" CHECK ("company_branding"."logo_type" in ('image/png', 'image/jpeg', 'image/webp'))
);
--> statement-breakpoint
ALTER TABLE "company_branding" ADD CONSTRAINT "company_branding_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;