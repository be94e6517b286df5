CREATE TABLE "company_name_holds" (
	"company_id" bigint NOT NULL,
	"company_username" text NOT NULL,
	"company_username_canonical" text NOT NULL,
	"user_id" bigint,
	"held_until" timestamp (3) with time zone NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "company_name_holds_company_id_company_username_canonical_pk" PRIMARY KEY("company_id","company_username_canonical")
);
--> statement-breakpoint
CREATE TABLE "global_names" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "global_names_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"username" text NOT NULL,
	"username_canonical" text NOT NULL,
	"similarity_key" text NOT NULL,
	"user_id" bigint,
	"held_until" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "global_names_live_has_owner" CHECK ("global_names"."held_until" is not null or "global_names"."user_id" is not null)
);
--> statement-breakpoint
ALTER TABLE "company_name_holds" ADD CONSTRAINT "company_name_holds_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "company_name_holds" ADD CONSTRAINT "company_name_holds_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "global_names" ADD CONSTRAINT "global_names_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "global_names_canonical_unique" ON "global_names" USING btree ("username_canonical");--> statement-breakpoint
CREATE UNIQUE INDEX "global_names_similarity_key_unique" ON "global_names" USING btree ("similarity_key");--> statement-breakpoint
CREATE UNIQUE INDEX "global_names_live_user_unique" ON "global_names" USING btree ("user_id") WHERE held_until is null;--> statement-breakpoint
CREATE INDEX "global_names_user_idx" ON "global_names" USING btree ("user_id");--> statement-breakpoint
INSERT INTO "global_names" ("username", "username_canonical", "similarity_key", "user_id") SELECT "username", "username_canonical", "similarity_key", "id" FROM "users" WHERE "username_canonical" IS NOT NULL;--> statement-breakpoint
UPDATE "reserved_rules" SET "kind" = CASE "kind" WHEN 'equals' THEN 'exact' ELSE 'prefix' END WHERE "kind" NOT IN ('exact', 'prefix');
