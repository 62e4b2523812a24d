CREATE INDEX "films_title_search_idx" ON "films" USING gin (to_tsvector('simple', "title"));--> statement-breakpoint
CREATE INDEX "kim_regency_prefix_idx" ON "kim_groups" USING btree ("regency_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "kim_name_search_idx" ON "kim_groups" USING gin (to_tsvector('simple', "name"));--> statement-breakpoint
CREATE INDEX "placements_film_idx" ON "placements" USING btree ("film_id");