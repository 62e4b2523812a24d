CREATE TABLE "round_shortlist" (
	"round_id" uuid NOT NULL,
	"film_id" uuid NOT NULL,
	"rank" integer NOT NULL,
	"score" numeric NOT NULL,
	CONSTRAINT "round_shortlist_round_id_film_id_pk" PRIMARY KEY("round_id","film_id")
);
--> statement-breakpoint
ALTER TABLE "round_shortlist" ADD CONSTRAINT "round_shortlist_round_id_judging_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."judging_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_shortlist" ADD CONSTRAINT "round_shortlist_film_id_films_id_fk" FOREIGN KEY ("film_id") REFERENCES "public"."films"("id") ON DELETE no action ON UPDATE no action;