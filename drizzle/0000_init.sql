CREATE TYPE "public"."edition_level" AS ENUM('kabupaten', 'provinsi');--> statement-breakpoint
CREATE TYPE "public"."edition_status" AS ENUM('draf', 'pendaftaran', 'penjurian', 'disegel', 'diumumkan');--> statement-breakpoint
CREATE TYPE "public"."film_status" AS ENUM('draf', 'diunggah', 'diperiksa', 'ditolak_sistem', 'lolos_kurasi', 'tidak_lolos_kurasi', 'dinilai', 'juara', 'ditarik');--> statement-breakpoint
CREATE TYPE "public"."kim_status" AS ENUM('aktif', 'tidak_aktif');--> statement-breakpoint
CREATE TYPE "public"."media_kind" AS ENUM('video', 'poster', 'subtitle', 'judge_video');--> statement-breakpoint
CREATE TYPE "public"."media_status" AS ENUM('uploading', 'received', 'checking', 'ok', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."placement_name" AS ENUM('Juara I', 'Juara II', 'Juara III', 'Juara Harapan I', 'Juara Harapan II', 'Juara Harapan III');--> statement-breakpoint
CREATE TYPE "public"."region_level" AS ENUM('provinsi', 'kabupaten', 'kecamatan', 'desa');--> statement-breakpoint
CREATE TYPE "public"."registration_status" AS ENUM('pending', 'approved', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."round_kind" AS ENUM('kurasi', 'penilaian', 'final');--> statement-breakpoint
CREATE TYPE "public"."sheet_status" AS ENUM('draft', 'submitted');--> statement-breakpoint
CREATE TYPE "public"."user_role" AS ENUM('organiser', 'judge', 'kim');--> statement-breakpoint
CREATE TYPE "public"."user_status" AS ENUM('pending', 'active', 'rejected', 'disabled');--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text,
	"data" jsonb
);
--> statement-breakpoint
CREATE TABLE "categories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"edition_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"position" smallint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "conflict_declarations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"film_id" uuid NOT NULL,
	"judge_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "edition_judges" (
	"edition_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"categories" jsonb,
	"cap" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"left_at" timestamp with time zone,
	CONSTRAINT "edition_judges_edition_id_user_id_pk" PRIMARY KEY("edition_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "editions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"year" smallint,
	"period_note" text,
	"level" "edition_level" NOT NULL,
	"region_code" text NOT NULL,
	"theme" text,
	"description" text,
	"rules" jsonb,
	"settings" jsonb,
	"submission_opens_at" timestamp with time zone,
	"submission_closes_at" timestamp with time zone,
	"judging_closes_at" timestamp with time zone,
	"announce_at" timestamp with time zone,
	"status" "edition_status" DEFAULT 'draf' NOT NULL,
	"sealed_at" timestamp with time zone,
	"sealed_by" uuid,
	"published_at" timestamp with time zone,
	"scheduled_publish_at" timestamp with time zone,
	"is_sample" boolean DEFAULT false NOT NULL,
	"is_historical" boolean DEFAULT false NOT NULL,
	"source_note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "editions_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "film_media" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"film_id" uuid NOT NULL,
	"kind" "media_kind" NOT NULL,
	"storage_driver" text NOT NULL,
	"storage_key" text NOT NULL,
	"upload_id" text,
	"original_name" text,
	"mime_type" text,
	"size_bytes" numeric,
	"sha256" text,
	"probe" jsonb,
	"status" "media_status" DEFAULT 'uploading' NOT NULL,
	"problems" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"is_current" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "films" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"edition_id" uuid NOT NULL,
	"kim_id" uuid NOT NULL,
	"category_id" uuid,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"synopsis" text,
	"language" text,
	"declared_duration_seconds" integer,
	"crew" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"originality_declared" boolean DEFAULT false NOT NULL,
	"publication_consent" boolean DEFAULT false NOT NULL,
	"status" "film_status" DEFAULT 'draf' NOT NULL,
	"status_reason" text,
	"is_sample" boolean DEFAULT false NOT NULL,
	"submitted_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "judge_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"film_id" uuid NOT NULL,
	"judge_id" uuid NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone,
	"removed_reason" text
);
--> statement-breakpoint
CREATE TABLE "judge_invitations" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"edition_id" uuid,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"regency_code" text NOT NULL,
	"created_by" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"accepted_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "judging_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"edition_id" uuid NOT NULL,
	"kind" "round_kind" NOT NULL,
	"opens_at" timestamp with time zone,
	"closes_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"shortlist_size" integer,
	"confirmed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "kim_board_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kim_id" uuid NOT NULL,
	"name" text NOT NULL,
	"position" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kim_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"village_code" text,
	"district_code" text NOT NULL,
	"regency_code" text NOT NULL,
	"status" "kim_status" DEFAULT 'aktif' NOT NULL,
	"inactive_reason" text,
	"founded_year" smallint,
	"contact_name" text,
	"contact_phone" text,
	"contact_email" text,
	"is_sample" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kim_groups_slug_unique" UNIQUE("slug"),
	CONSTRAINT "kim_inactive_reason" CHECK ("kim_groups"."status" = 'aktif' or "kim_groups"."inactive_reason" is not null)
);
--> statement-breakpoint
CREATE TABLE "kim_registrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kim_name" text NOT NULL,
	"village_code" text NOT NULL,
	"regency_code" text NOT NULL,
	"existing_kim_id" uuid,
	"position" text NOT NULL,
	"status" "registration_status" DEFAULT 'pending' NOT NULL,
	"reason" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kim_registrations_user_id_unique" UNIQUE("user_id")
);
--> statement-breakpoint
CREATE TABLE "login_attempts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"ip" text NOT NULL,
	"succeeded" boolean NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "password_reset_tokens" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "placements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"edition_id" uuid NOT NULL,
	"category_id" uuid,
	"film_id" uuid,
	"kim_id" uuid NOT NULL,
	"placement" "placement_name" NOT NULL,
	"rank" integer,
	"score" numeric,
	"certificate_code" text,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "placements_certificate_code_unique" UNIQUE("certificate_code")
);
--> statement-breakpoint
CREATE TABLE "regions" (
	"code" text PRIMARY KEY NOT NULL,
	"parent_code" text,
	"level" "region_level" NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rubric_criteria" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"edition_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"weight" numeric NOT NULL,
	"min_score" numeric NOT NULL,
	"max_score" numeric NOT NULL,
	"position" smallint DEFAULT 0 NOT NULL,
	CONSTRAINT "rubric_range" CHECK ("rubric_criteria"."min_score" < "rubric_criteria"."max_score" and "rubric_criteria"."max_score" > 0),
	CONSTRAINT "rubric_weight" CHECK ("rubric_criteria"."weight" > 0)
);
--> statement-breakpoint
CREATE TABLE "score_sheets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assignment_id" uuid NOT NULL,
	"status" "sheet_status" DEFAULT 'draft' NOT NULL,
	"overall_comment" text,
	"submitted_at" timestamp with time zone,
	"unlocked_at" timestamp with time zone,
	"unlocked_by" uuid,
	"unlock_reason" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "score_sheets_assignment_id_unique" UNIQUE("assignment_id")
);
--> statement-breakpoint
CREATE TABLE "scores" (
	"sheet_id" uuid NOT NULL,
	"criterion_id" uuid NOT NULL,
	"score" numeric,
	"comment" text,
	CONSTRAINT "scores_sheet_id_criterion_id_pk" PRIMARY KEY("sheet_id","criterion_id")
);
--> statement-breakpoint
CREATE TABLE "screening_decisions" (
	"film_id" uuid PRIMARY KEY NOT NULL,
	"eligible" boolean NOT NULL,
	"reason" text,
	"decided_by" uuid NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "special_awards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"edition_id" uuid NOT NULL,
	"film_id" uuid NOT NULL,
	"name" text NOT NULL,
	"note" text,
	"certificate_code" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "special_awards_certificate_code_unique" UNIQUE("certificate_code")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" "user_role" NOT NULL,
	"status" "user_status" DEFAULT 'active' NOT NULL,
	"status_reason" text,
	"region_code" text,
	"kim_id" uuid,
	"phone" text,
	"password_changed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email"),
	CONSTRAINT "users_kim_link" CHECK ("users"."role" <> 'kim' or "users"."kim_id" is not null or "users"."status" <> 'active'),
	CONSTRAINT "users_region" CHECK ("users"."role" = 'kim' or "users"."region_code" is not null)
);
--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "categories" ADD CONSTRAINT "categories_edition_id_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."editions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conflict_declarations" ADD CONSTRAINT "conflict_declarations_film_id_films_id_fk" FOREIGN KEY ("film_id") REFERENCES "public"."films"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conflict_declarations" ADD CONSTRAINT "conflict_declarations_judge_id_users_id_fk" FOREIGN KEY ("judge_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edition_judges" ADD CONSTRAINT "edition_judges_edition_id_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."editions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edition_judges" ADD CONSTRAINT "edition_judges_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "editions" ADD CONSTRAINT "editions_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "editions" ADD CONSTRAINT "editions_sealed_by_users_id_fk" FOREIGN KEY ("sealed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "editions" ADD CONSTRAINT "editions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "film_media" ADD CONSTRAINT "film_media_film_id_films_id_fk" FOREIGN KEY ("film_id") REFERENCES "public"."films"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "films" ADD CONSTRAINT "films_edition_id_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."editions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "films" ADD CONSTRAINT "films_kim_id_kim_groups_id_fk" FOREIGN KEY ("kim_id") REFERENCES "public"."kim_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "films" ADD CONSTRAINT "films_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "films" ADD CONSTRAINT "films_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_assignments" ADD CONSTRAINT "judge_assignments_round_id_judging_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."judging_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_assignments" ADD CONSTRAINT "judge_assignments_film_id_films_id_fk" FOREIGN KEY ("film_id") REFERENCES "public"."films"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_assignments" ADD CONSTRAINT "judge_assignments_judge_id_users_id_fk" FOREIGN KEY ("judge_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_assignments" ADD CONSTRAINT "judge_assignments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_invitations" ADD CONSTRAINT "judge_invitations_edition_id_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."editions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_invitations" ADD CONSTRAINT "judge_invitations_regency_code_regions_code_fk" FOREIGN KEY ("regency_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_invitations" ADD CONSTRAINT "judge_invitations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_invitations" ADD CONSTRAINT "judge_invitations_accepted_user_id_users_id_fk" FOREIGN KEY ("accepted_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judging_rounds" ADD CONSTRAINT "judging_rounds_edition_id_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."editions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kim_board_members" ADD CONSTRAINT "kim_board_members_kim_id_kim_groups_id_fk" FOREIGN KEY ("kim_id") REFERENCES "public"."kim_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kim_groups" ADD CONSTRAINT "kim_groups_village_code_regions_code_fk" FOREIGN KEY ("village_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kim_groups" ADD CONSTRAINT "kim_groups_district_code_regions_code_fk" FOREIGN KEY ("district_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kim_groups" ADD CONSTRAINT "kim_groups_regency_code_regions_code_fk" FOREIGN KEY ("regency_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kim_registrations" ADD CONSTRAINT "kim_registrations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kim_registrations" ADD CONSTRAINT "kim_registrations_village_code_regions_code_fk" FOREIGN KEY ("village_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kim_registrations" ADD CONSTRAINT "kim_registrations_regency_code_regions_code_fk" FOREIGN KEY ("regency_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kim_registrations" ADD CONSTRAINT "kim_registrations_existing_kim_id_kim_groups_id_fk" FOREIGN KEY ("existing_kim_id") REFERENCES "public"."kim_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kim_registrations" ADD CONSTRAINT "kim_registrations_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "password_reset_tokens" ADD CONSTRAINT "password_reset_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_edition_id_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."editions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_film_id_films_id_fk" FOREIGN KEY ("film_id") REFERENCES "public"."films"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_kim_id_kim_groups_id_fk" FOREIGN KEY ("kim_id") REFERENCES "public"."kim_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rubric_criteria" ADD CONSTRAINT "rubric_criteria_edition_id_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."editions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "score_sheets" ADD CONSTRAINT "score_sheets_assignment_id_judge_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."judge_assignments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "score_sheets" ADD CONSTRAINT "score_sheets_unlocked_by_users_id_fk" FOREIGN KEY ("unlocked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scores" ADD CONSTRAINT "scores_sheet_id_score_sheets_id_fk" FOREIGN KEY ("sheet_id") REFERENCES "public"."score_sheets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scores" ADD CONSTRAINT "scores_criterion_id_rubric_criteria_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."rubric_criteria"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_decisions" ADD CONSTRAINT "screening_decisions_film_id_films_id_fk" FOREIGN KEY ("film_id") REFERENCES "public"."films"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_decisions" ADD CONSTRAINT "screening_decisions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "special_awards" ADD CONSTRAINT "special_awards_edition_id_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."editions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "special_awards" ADD CONSTRAINT "special_awards_film_id_films_id_fk" FOREIGN KEY ("film_id") REFERENCES "public"."films"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_kim_id_kim_groups_id_fk" FOREIGN KEY ("kim_id") REFERENCES "public"."kim_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_entity_idx" ON "audit_log" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE UNIQUE INDEX "conflicts_pair_idx" ON "conflict_declarations" USING btree ("film_id","judge_id");--> statement-breakpoint
CREATE INDEX "editions_region_idx" ON "editions" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "film_media_film_idx" ON "film_media" USING btree ("film_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "films_edition_code_idx" ON "films" USING btree ("edition_id","code");--> statement-breakpoint
CREATE INDEX "films_kim_idx" ON "films" USING btree ("kim_id");--> statement-breakpoint
CREATE INDEX "films_edition_idx" ON "films" USING btree ("edition_id");--> statement-breakpoint
CREATE INDEX "assignments_judge_idx" ON "judge_assignments" USING btree ("judge_id","round_id");--> statement-breakpoint
CREATE INDEX "assignments_film_idx" ON "judge_assignments" USING btree ("film_id");--> statement-breakpoint
CREATE UNIQUE INDEX "assignments_active_idx" ON "judge_assignments" USING btree ("round_id","film_id","judge_id") WHERE "judge_assignments"."removed_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "rounds_edition_kind_idx" ON "judging_rounds" USING btree ("edition_id","kind");--> statement-breakpoint
CREATE INDEX "kim_regency_idx" ON "kim_groups" USING btree ("regency_code");--> statement-breakpoint
CREATE INDEX "kim_district_idx" ON "kim_groups" USING btree ("district_code");--> statement-breakpoint
CREATE INDEX "login_attempts_email_idx" ON "login_attempts" USING btree ("email","at");--> statement-breakpoint
CREATE INDEX "login_attempts_ip_idx" ON "login_attempts" USING btree ("ip","at");--> statement-breakpoint
CREATE INDEX "placements_edition_idx" ON "placements" USING btree ("edition_id");--> statement-breakpoint
CREATE INDEX "placements_kim_idx" ON "placements" USING btree ("kim_id");--> statement-breakpoint
CREATE INDEX "regions_parent_idx" ON "regions" USING btree ("parent_code");--> statement-breakpoint
CREATE INDEX "regions_level_idx" ON "regions" USING btree ("level");