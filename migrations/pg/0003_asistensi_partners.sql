CREATE TABLE "asistensi_partners" (
	"programme_id" integer NOT NULL,
	"partner" text NOT NULL,
	"granted_at" text NOT NULL,
	CONSTRAINT "asistensi_partners_programme_id_partner_pk" PRIMARY KEY("programme_id","partner")
);
--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "notes" text;--> statement-breakpoint
ALTER TABLE "asistensi_partners" ADD CONSTRAINT "asistensi_partners_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "asistensi_partners_partner_idx" ON "asistensi_partners" USING btree ("partner");