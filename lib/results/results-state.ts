import type { editions } from "@/lib/db/schema";

type Edition = Pick<typeof editions.$inferSelect, "status" | "scheduledPublishAt">;

/**
 * Where an edition's results stand, as the results page says it (hasil.state.*): an edition
 * still in draft or taking entries has no judging yet, and must not read "Penilaian berlangsung".
 */
export type ResultsState = "draft" | "registration" | "judging" | "sealed" | "scheduled" | "published";

export function resultsState(edition: Edition): ResultsState {
  switch (edition.status) {
    case "draf":
      return "draft";
    case "pendaftaran":
      return "registration";
    case "penjurian":
      return "judging";
    case "disegel":
      return edition.scheduledPublishAt ? "scheduled" : "sealed";
    case "diumumkan":
      return "published";
  }
}
