"use server";

import { revalidatePath } from "next/cache";
import { organiser } from "./edition-form-action";
import { getDb } from "@/lib/db/client";
import { addOrganiserConflict, removeOrganiserConflict } from "@/lib/judging/organiser-conflicts";
import { resendEditionInvitation, revokeEditionInvitation, setJudgeTerms } from "@/lib/judging/roster";
import { formValues, runFormAction, type FormState } from "./form-state";

// The judges roster's actions (/admin/festival/{slug}/juri). Each checks the session itself;
// the domain functions check the edition is in the organiser's region.

type Run = (values: Record<string, string>, slug: string, formData: FormData) => Promise<FormState>;

function rosterAction(run: Run) {
  return async (_prev: FormState, formData: FormData): Promise<FormState> => {
    const values = formValues(formData);
    // A field sent several times (ticked categories) is kept whole, joined with commas, so a refused form shows what was sent.
    for (const key of new Set(formData.keys())) {
      const all = formData.getAll(key).filter((v): v is string => typeof v === "string");
      if (all.length > 1) values[key] = all.join(",");
    }
    const slug = values.slug ?? "";
    return runFormAction(values, async () => {
      const state = await run(values, slug, formData);
      revalidatePath(`/admin/festival/${slug}`, "layout");
      return state;
    });
  };
}


export const resendInvitationAction = rosterAction(async (values, slug) => {
  const invitation = await resendEditionInvitation(getDb(), await organiser(), slug, values);
  const sent = invitation.mail.delivered === "smtp" ? "Undangan baru dikirim lewat email." : "SMTP belum diatur: email disimpan di outbox server.";
  return { ok: true, message: `${sent} Tautan lama tidak berlaku lagi.`, result: { link: invitation.link } };
});

export const revokeInvitationAction = rosterAction(async (values, slug) => {
  await revokeEditionInvitation(getDb(), await organiser(), slug, values);
  return { ok: true, message: "Undangan ditarik; tautannya tidak berlaku lagi." };
});

export const judgeTermsAction = rosterAction(async (values, slug, formData) => {
  const categories = formData.getAll("categories").filter((v): v is string => typeof v === "string");
  await setJudgeTerms(getDb(), await organiser(), slug, { judgeId: values.judgeId, cap: values.cap, categories });
  return { ok: true, message: "Kategori dan batas film disimpan. Pratinjau penugasan sudah memakainya." };
});

export const addConflictAction = rosterAction(async (values, slug) => {
  const r = await addOrganiserConflict(getDb(), await organiser(), slug, values);
  return { ok: true, message: r.released ? `Konflik kepentingan dicatat. Penugasan pasangan ini ditutup; ${r.added} penugasan pengganti dibuat.` : "Konflik kepentingan dicatat." };
});

export const removeConflictAction = rosterAction(async (values, slug) => {
  await removeOrganiserConflict(getDb(), await organiser(), slug, values);
  return { ok: true, message: "Konflik dihapus; dicatat di log audit." };
});
