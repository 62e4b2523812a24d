CREATE TABLE "request_counts" (
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "request_counts_scope_key_window_start_pk" PRIMARY KEY("scope","key","window_start")
);
