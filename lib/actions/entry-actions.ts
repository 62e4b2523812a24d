"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { createDraftFilm, createFilmForKim, updateFilmDetails, withdrawFilm } from "@/lib/films/entry-actions";
import { saveEntryFile } from "@/lib/films/media-files";
import { getStorage } from "@/lib/storage";
import { formValues, runFormAction, type FormState } from "./form-state";

// Entry actions: each checks the session itself and hands the input to a domain function
// that validates it and checks who may reach the film and the deadline. The details, poster
// and subtitle forms serve the KIM's own entry page and the organiser's page for a KIM's film
// (lib/films/kim-film.ts getEntryFilm decides which films each may reach).

/** The page that shows an entry to this actor. */
const entryPath = (role: string, filmId: string, editionSlug: string) => (role === "organiser" ? `/admin/festival/${editionSlug}/film/${filmId}` : `/kim/film/${filmId}`);

export async function createDraftAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  let filmId = "";
  const state = await runFormAction(values, async () => {
    const actor = await requireActor(["kim"]);
    filmId = (await createDraftFilm(getDb(), actor, values)).filmId;
  });
  if (state.ok) redirect(`/kim/film/${filmId}`);
  return state;
}

/** An organiser creates an entry for a KIM of its region (a film delivered on a flash disk). */
export async function createForKimAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  let path = "";
  const state = await runFormAction(values, async () => {
    const actor = await requireActor(["organiser"]);
    const { filmId, slug } = await createFilmForKim(getDb(), actor, values);
    path = `/admin/festival/${slug}/film/${filmId}`;
  });
  if (state.ok) redirect(path);
  return state;
}

export async function saveDetailsAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  const names = formData.getAll("crewName").map(String);
  const roles = formData.getAll("crewRole").map(String);
  const crew = names.map((name, i) => ({ name: name.trim(), role: (roles[i] ?? "").trim() })).filter((c) => c.name || c.role);
  return runFormAction(values, async () => {
    const actor = await requireActor(["kim", "organiser"]);
    const { editionSlug } = await updateFilmDetails(getDb(), actor, {
      ...values,
      crew,
      originalityDeclared: formData.get("originalityDeclared") === "on",
      publicationConsent: formData.get("publicationConsent") === "on",
    });
    revalidatePath(entryPath(actor.role, values.filmId, editionSlug));
    return { ok: true, message: "Data film tersimpan." };
  });
}

async function saveFile(kind: "poster" | "subtitle", formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return runFormAction(values, async () => {
    const actor = await requireActor(["kim", "organiser"]);
    const file = formData.get(kind);
    const { editionSlug } = await saveEntryFile(getDb(), await getStorage(), actor, { filmId: values.filmId ?? "", kind, file: file instanceof File ? file : null });
    revalidatePath(entryPath(actor.role, values.filmId, editionSlug));
    return { ok: true, message: kind === "poster" ? "Poster tersimpan." : "Subtitle tersimpan." };
  });
}

export async function uploadPosterAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return saveFile("poster", formData);
}

export async function uploadSubtitleAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return saveFile("subtitle", formData);
}

export async function withdrawAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  const state = await runFormAction(values, async () => {
    const actor = await requireActor(["kim"]);
    await withdrawFilm(getDb(), actor, values);
  });
  if (state.ok) redirect("/kim");
  return state;
}
