CREATE TABLE "company_reserved_names" (
	"company_id" bigint NOT NULL,
	"name" text NOT NULL,
	"name_canonical" text NOT NULL,
	CONSTRAINT "company_reserved_names_company_id_name_canonical_pk" PRIMARY KEY("company_id","name_canonical")
);
--> statement-breakpoint
CREATE TABLE "company_username_rules" (
	"company_id" bigint NOT NULL,
	"min_length" integer DEFAULT 1 NOT NULL,
	"max_length" integer DEFAULT 64 NOT NULL,
	"pattern" text,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "company_username_rules_company_id_pk" PRIMARY KEY("company_id"),
	CONSTRAINT "company_username_rules_lengths" CHECK ("company_username_rules"."min_length" >= 1 and "company_username_rules"."max_length" <= 64 and "company_username_rules"."min_length" <= "company_username_rules"."max_length")
);
--> statement-breakpoint
ALTER TABLE "company_reserved_names" ADD CONSTRAINT "company_reserved_names_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "company_username_rules" ADD CONSTRAINT "company_username_rules_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;