CREATE TYPE "public"."kim_activity_type" AS ENUM('pelatihan', 'festival', 'monev', 'studi_banding', 'rakor', 'konten_digital', 'pelayanan_informasi', 'lainnya');--> statement-breakpoint
CREATE TYPE "public"."kim_status_source" AS ENUM('pendaftaran', 'organiser', 'monev', 'impor');--> statement-breakpoint
CREATE TYPE "public"."message_status" AS ENUM('antre', 'terkirim', 'gagal');--> statement-breakpoint
CREATE TYPE "public"."monev_status" AS ENUM('draf', 'berjalan', 'selesai');--> statement-breakpoint
CREATE TABLE "kim_activities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kim_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"type" "kim_activity_type" NOT NULL,
	"title" text NOT NULL,
	"report" text,
	"links" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "kim_activity_photos" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"activity_id" uuid NOT NULL,
	"storage_key" text NOT NULL,
	"mime" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"bytes" integer NOT NULL,
	"kept_location" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kim_change_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kim_id" uuid NOT NULL,
	"requested_by" uuid,
	"name" text,
	"village_code" text,
	"note" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kim_import_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"created_by" uuid,
	"file_name" text NOT NULL,
	"rows" jsonb NOT NULL,
	"status" text DEFAULT 'pratinjau' NOT NULL,
	"imported_count" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"imported_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "kim_status_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kim_id" uuid NOT NULL,
	"status" "kim_status" NOT NULL,
	"from_date" date NOT NULL,
	"reason" text,
	"source" "kim_status_source" NOT NULL,
	"monev_id" uuid,
	"decided_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "message_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"key" text NOT NULL,
	"locale" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monev_criteria" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"monev_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"max_score" smallint NOT NULL,
	"weight" numeric(5, 2) DEFAULT '1' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monev_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"year" smallint NOT NULL,
	"title" text NOT NULL,
	"status" "monev_status" DEFAULT 'draf' NOT NULL,
	"active_threshold" numeric(5, 2) DEFAULT '60' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "monev_sheets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"monev_id" uuid NOT NULL,
	"kim_id" uuid NOT NULL,
	"scores" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"notes" text,
	"total" numeric(5, 2),
	"decision" "kim_status",
	"decision_reason" text,
	"assessed_by" uuid,
	"updated_at" timestamp with time zone,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "outgoing_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dedupe_key" text NOT NULL,
	"kind" text NOT NULL,
	"region_code" text,
	"edition_id" uuid,
	"recipient_user_id" uuid,
	"recipient_kim_id" uuid,
	"to_name" text,
	"to_email" text,
	"to_phone" text,
	"locale" text DEFAULT 'id' NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"status" "message_status" DEFAULT 'antre' NOT NULL,
	"attempts" smallint DEFAULT 0 NOT NULL,
	"last_error" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "outgoing_messages_dedupe_key_unique" UNIQUE("dedupe_key")
);
--> statement-breakpoint
ALTER TABLE "kim_groups" ADD COLUMN "address" text;--> statement-breakpoint
ALTER TABLE "kim_groups" ADD COLUMN "founded_on" date;--> statement-breakpoint
ALTER TABLE "kim_groups" ADD COLUMN "sk_number" text;--> statement-breakpoint
ALTER TABLE "kim_groups" ADD COLUMN "sk_date" date;--> statement-breakpoint
ALTER TABLE "kim_groups" ADD COLUMN "description" text;--> statement-breakpoint
ALTER TABLE "kim_groups" ADD COLUMN "logo_key" text;--> statement-breakpoint
ALTER TABLE "kim_groups" ADD COLUMN "social_links" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "kim_groups" ADD COLUMN "status_since" date;--> statement-breakpoint
ALTER TABLE "kim_groups" ADD COLUMN "updated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "locale" text DEFAULT 'id' NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "reminders_off" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "kim_activities" ADD CONSTRAINT "kim_activities_kim_id_kim_groups_id_fk" FOREIGN KEY ("kim_id") REFERENCES "public"."kim_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kim_activities" ADD CONSTRAINT "kim_activities_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kim_activity_photos" ADD CONSTRAINT "kim_activity_photos_activity_id_kim_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."kim_activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kim_change_requests" ADD CONSTRAINT "kim_change_requests_kim_id_kim_groups_id_fk" FOREIGN KEY ("kim_id") REFERENCES "public"."kim_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kim_change_requests" ADD CONSTRAINT "kim_change_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kim_change_requests" ADD CONSTRAINT "kim_change_requests_village_code_regions_code_fk" FOREIGN KEY ("village_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kim_change_requests" ADD CONSTRAINT "kim_change_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kim_import_batches" ADD CONSTRAINT "kim_import_batches_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kim_import_batches" ADD CONSTRAINT "kim_import_batches_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kim_status_history" ADD CONSTRAINT "kim_status_history_kim_id_kim_groups_id_fk" FOREIGN KEY ("kim_id") REFERENCES "public"."kim_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kim_status_history" ADD CONSTRAINT "kim_status_history_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_templates" ADD CONSTRAINT "message_templates_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_templates" ADD CONSTRAINT "message_templates_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monev_criteria" ADD CONSTRAINT "monev_criteria_monev_id_monev_rounds_id_fk" FOREIGN KEY ("monev_id") REFERENCES "public"."monev_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monev_rounds" ADD CONSTRAINT "monev_rounds_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monev_rounds" ADD CONSTRAINT "monev_rounds_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monev_sheets" ADD CONSTRAINT "monev_sheets_monev_id_monev_rounds_id_fk" FOREIGN KEY ("monev_id") REFERENCES "public"."monev_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monev_sheets" ADD CONSTRAINT "monev_sheets_kim_id_kim_groups_id_fk" FOREIGN KEY ("kim_id") REFERENCES "public"."kim_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monev_sheets" ADD CONSTRAINT "monev_sheets_assessed_by_users_id_fk" FOREIGN KEY ("assessed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outgoing_messages" ADD CONSTRAINT "outgoing_messages_recipient_user_id_users_id_fk" FOREIGN KEY ("recipient_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outgoing_messages" ADD CONSTRAINT "outgoing_messages_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "kim_activities_kim_idx" ON "kim_activities" USING btree ("kim_id","held_on");--> statement-breakpoint
CREATE INDEX "kim_change_requests_kim_idx" ON "kim_change_requests" USING btree ("kim_id","status");--> statement-breakpoint
CREATE INDEX "kim_status_history_kim_idx" ON "kim_status_history" USING btree ("kim_id","from_date");--> statement-breakpoint
CREATE UNIQUE INDEX "message_templates_key_idx" ON "message_templates" USING btree ("region_code","key","locale");--> statement-breakpoint
CREATE UNIQUE INDEX "monev_region_year_idx" ON "monev_rounds" USING btree ("region_code","year");--> statement-breakpoint
CREATE UNIQUE INDEX "monev_sheets_kim_idx" ON "monev_sheets" USING btree ("monev_id","kim_id");--> statement-breakpoint
CREATE INDEX "outgoing_messages_region_idx" ON "outgoing_messages" USING btree ("region_code","created_at");--> statement-breakpoint
CREATE INDEX "outgoing_messages_status_idx" ON "outgoing_messages" USING btree ("status");--> statement-breakpoint
-- KIMs made before the registry kept a history start it with their status on the day they were recorded.
UPDATE "kim_groups" SET "status_since" = "created_at"::date WHERE "status_since" IS NULL;--> statement-breakpoint
INSERT INTO "kim_status_history" ("kim_id", "status", "from_date", "reason", "source") SELECT "id", "status", "created_at"::date, "inactive_reason", 'pendaftaran' FROM "kim_groups";
