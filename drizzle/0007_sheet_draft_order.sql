ALTER TABLE "score_sheets" ADD COLUMN "draft_writer" text;--> statement-breakpoint
ALTER TABLE "score_sheets" ADD COLUMN "draft_seq" integer;