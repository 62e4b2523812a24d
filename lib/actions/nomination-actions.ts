"use server";

import { revalidatePath } from "next/cache";
import { requireActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { editions } from "@/lib/db/schema";
import { updateIntake } from "@/lib/nominations/intake";
import { confirmNomination, declineNomination, nominateFilms, returnNomination, withdrawNomination } from "@/lib/nominations/nominate";
import { notifyNominated, notifyReturned } from "@/lib/nominations/notify";
import { notifySafely } from "@/lib/messages/queue";
import { eq } from "drizzle-orm";
import { editionFormAction, organiser, refreshPublicPages } from "./edition-form-action";
import { formValues, runFormAction, type FormState } from "./form-state";

// Nominations from regency to province (docs/decisions/0035): thin actions over lib/nominations.

/** The intake section of a provincial edition's settings. */
export const intakeAction = editionFormAction(
  async (values, slug) => {
    await updateIntake(getDb(), await organiser(), slug, values);
    return "Cara penerimaan film disimpan.";
  },
  { slugField: "edition", refreshPublic: true },
);

/** A regency organiser nominates the ticked films into one provincial edition. */
export async function nominateAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return runFormAction(values, async () => {
    const actor = await organiser();
    const db = getDb();
    const sent = await nominateFilms(db, actor, values.edition ?? "", { target: values.target, films: formData.getAll("film").map(String) });
    const [source] = await db.select({ regionCode: editions.regionCode }).from(editions).where(eq(editions.slug, values.edition ?? ""));
    await notifySafely("nomination request", () => notifyNominated(db, sent, values.target, source.regionCode, actor.id));
    revalidatePath(`/admin/festival/${values.edition}/nominasi`);
    return { ok: true, message: sent.length === 1 ? "1 film dinominasikan. KIM-nya diminta mengonfirmasi lewat tautan." : `${sent.length} film dinominasikan. KIM-nya diminta mengonfirmasi lewat tautan.` };
  });
}

/** The regency withdraws a nomination its KIM has not answered yet. */
export async function withdrawNominationAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return runFormAction(values, async () => {
    await withdrawNomination(getDb(), await organiser(), values.edition ?? "", values);
    revalidatePath(`/admin/festival/${values.edition}/nominasi`);
    return { ok: true, message: "Nominasi dibatalkan." };
  });
}

/** The province returns a nomination with a reason. */
export async function returnNominationAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return runFormAction(values, async () => {
    const actor = await organiser();
    const db = getDb();
    const { nomination } = await returnNomination(db, actor, values.edition ?? "", values);
    await notifySafely("nomination returned", () => notifyReturned(db, nomination, actor.id));
    revalidatePath(`/admin/festival/${values.edition}`, "layout");
    refreshPublicPages();
    return { ok: true, message: "Nominasi dikembalikan; KIM dan panitia kabupaten/kota diberi tahu." };
  });
}

/** A KIM member answers a nomination (by its link, or from /kim by its id). */
export async function answerNominationAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return runFormAction(values, async () => {
    const actor = await requireActor(["kim"]);
    const input = { token: values.token || undefined, nominationId: values.nominationId || undefined, reason: values.reason || undefined };
    if (values.answer === "tolak") {
      await declineNomination(getDb(), actor, input);
      revalidatePath("/kim");
      return { ok: true, message: "Nominasi ditolak. Panitia kabupaten/kota melihat jawaban Anda." };
    }
    const promoted = await confirmNomination(getDb(), actor, input);
    revalidatePath("/kim");
    return { ok: true, message: `Nominasi dikonfirmasi. Film Anda ikut festival provinsi dengan kode ${promoted.code}.`, result: { code: promoted.code } };
  });
}
