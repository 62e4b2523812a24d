CREATE TYPE "public"."rendition_status" AS ENUM('antre', 'diproses', 'siap', 'gagal');--> statement-breakpoint
CREATE TABLE "film_renditions" (
	"media_id" uuid PRIMARY KEY NOT NULL,
	"film_id" uuid NOT NULL,
	"status" "rendition_status" DEFAULT 'antre' NOT NULL,
	"variants" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"light_key" text,
	"light_bytes" numeric,
	"keys" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"source_sha256" text,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "film_renditions" ADD CONSTRAINT "film_renditions_media_id_film_media_id_fk" FOREIGN KEY ("media_id") REFERENCES "public"."film_media"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "film_renditions" ADD CONSTRAINT "film_renditions_film_id_films_id_fk" FOREIGN KEY ("film_id") REFERENCES "public"."films"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "film_renditions_film_idx" ON "film_renditions" USING btree ("film_id");--> statement-breakpoint
CREATE INDEX "film_renditions_source_idx" ON "film_renditions" USING btree ("source_sha256");