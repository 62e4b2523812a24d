CREATE TYPE "public"."nomination_status" AS ENUM('menunggu_kim', 'dikonfirmasi', 'ditolak_kim', 'dikembalikan', 'dibatalkan');--> statement-breakpoint
CREATE TABLE "favorit_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"edition_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"identity_hash" text NOT NULL,
	"code_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"attempts" smallint DEFAULT 0 NOT NULL,
	"used_at" timestamp with time zone,
	"network" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "favorit_nominees" (
	"edition_id" uuid NOT NULL,
	"film_id" uuid NOT NULL,
	"category_id" uuid,
	"position" smallint DEFAULT 0 NOT NULL,
	CONSTRAINT "favorit_nominees_edition_id_film_id_pk" PRIMARY KEY("edition_id","film_id")
);
--> statement-breakpoint
CREATE TABLE "favorit_phases" (
	"edition_id" uuid PRIMARY KEY NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"awarded_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "favorit_votes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"edition_id" uuid NOT NULL,
	"category_key" text NOT NULL,
	"film_id" uuid NOT NULL,
	"voter_hash" text NOT NULL,
	"channel" text NOT NULL,
	"email_domain" text,
	"network" text,
	"voted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"voided_at" timestamp with time zone,
	"voided_by" uuid,
	"void_reason" text
);
--> statement-breakpoint
CREATE TABLE "film_embed_views" (
	"film_id" uuid NOT NULL,
	"day" date NOT NULL,
	"views" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "film_embed_views_film_id_day_pk" PRIMARY KEY("film_id","day")
);
--> statement-breakpoint
CREATE TABLE "film_nominations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source_film_id" uuid NOT NULL,
	"source_edition_id" uuid NOT NULL,
	"target_edition_id" uuid NOT NULL,
	"kim_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"source_placement" "placement_name",
	"source_rank" integer,
	"status" "nomination_status" DEFAULT 'menunggu_kim' NOT NULL,
	"token_hash" text NOT NULL,
	"promoted_film_id" uuid,
	"reason" text,
	"nominated_by" uuid,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "editions" ADD COLUMN "intake" jsonb;--> statement-breakpoint
ALTER TABLE "films" ADD COLUMN "promoted_from_film_id" uuid;--> statement-breakpoint
ALTER TABLE "favorit_codes" ADD CONSTRAINT "favorit_codes_edition_id_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."editions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "favorit_nominees" ADD CONSTRAINT "favorit_nominees_edition_id_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."editions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "favorit_nominees" ADD CONSTRAINT "favorit_nominees_film_id_films_id_fk" FOREIGN KEY ("film_id") REFERENCES "public"."films"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "favorit_nominees" ADD CONSTRAINT "favorit_nominees_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "favorit_phases" ADD CONSTRAINT "favorit_phases_edition_id_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."editions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "favorit_phases" ADD CONSTRAINT "favorit_phases_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "favorit_votes" ADD CONSTRAINT "favorit_votes_edition_id_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."editions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "favorit_votes" ADD CONSTRAINT "favorit_votes_film_id_films_id_fk" FOREIGN KEY ("film_id") REFERENCES "public"."films"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "favorit_votes" ADD CONSTRAINT "favorit_votes_voided_by_users_id_fk" FOREIGN KEY ("voided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "film_embed_views" ADD CONSTRAINT "film_embed_views_film_id_films_id_fk" FOREIGN KEY ("film_id") REFERENCES "public"."films"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "film_nominations" ADD CONSTRAINT "film_nominations_source_film_id_films_id_fk" FOREIGN KEY ("source_film_id") REFERENCES "public"."films"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "film_nominations" ADD CONSTRAINT "film_nominations_source_edition_id_editions_id_fk" FOREIGN KEY ("source_edition_id") REFERENCES "public"."editions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "film_nominations" ADD CONSTRAINT "film_nominations_target_edition_id_editions_id_fk" FOREIGN KEY ("target_edition_id") REFERENCES "public"."editions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "film_nominations" ADD CONSTRAINT "film_nominations_kim_id_kim_groups_id_fk" FOREIGN KEY ("kim_id") REFERENCES "public"."kim_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "film_nominations" ADD CONSTRAINT "film_nominations_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "film_nominations" ADD CONSTRAINT "film_nominations_promoted_film_id_films_id_fk" FOREIGN KEY ("promoted_film_id") REFERENCES "public"."films"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "film_nominations" ADD CONSTRAINT "film_nominations_nominated_by_users_id_fk" FOREIGN KEY ("nominated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "film_nominations" ADD CONSTRAINT "film_nominations_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "favorit_codes_identity_idx" ON "favorit_codes" USING btree ("edition_id","identity_hash","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "favorit_votes_one_idx" ON "favorit_votes" USING btree ("edition_id","category_key","voter_hash");--> statement-breakpoint
CREATE INDEX "favorit_votes_film_idx" ON "favorit_votes" USING btree ("edition_id","film_id");--> statement-breakpoint
CREATE INDEX "favorit_votes_time_idx" ON "favorit_votes" USING btree ("edition_id","voted_at");--> statement-breakpoint
CREATE INDEX "film_nominations_target_idx" ON "film_nominations" USING btree ("target_edition_id","region_code");--> statement-breakpoint
CREATE UNIQUE INDEX "film_nominations_token_idx" ON "film_nominations" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "film_nominations_live_idx" ON "film_nominations" USING btree ("source_film_id","target_edition_id") WHERE status in ('menunggu_kim', 'dikonfirmasi');--> statement-breakpoint
ALTER TABLE "films" ADD CONSTRAINT "films_promoted_from_film_id_films_id_fk" FOREIGN KEY ("promoted_from_film_id") REFERENCES "public"."films"("id") ON DELETE no action ON UPDATE no action;