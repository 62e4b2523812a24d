"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { createDraftFilm, updateFilmDetails, withdrawFilm } from "@/lib/films/entry-actions";
import { saveEntryFile } from "@/lib/films/media-files";
import { getStorage } from "@/lib/storage";
import { formValues, runFormAction, type FormState } from "./form-state";

// KIM entry actions: each checks the session itself and hands the input to a
// domain function that validates it and checks ownership and the deadline.

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

export async function saveDetailsAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  const names = formData.getAll("crewName").map(String);
  const roles = formData.getAll("crewRole").map(String);
  const crew = names.map((name, i) => ({ name: name.trim(), role: (roles[i] ?? "").trim() })).filter((c) => c.name || c.role);
  return runFormAction(values, async () => {
    const actor = await requireActor(["kim"]);
    await updateFilmDetails(getDb(), actor, {
      ...values,
      crew,
      originalityDeclared: formData.get("originalityDeclared") === "on",
      publicationConsent: formData.get("publicationConsent") === "on",
    });
    revalidatePath(`/kim/film/${values.filmId}`);
    return { ok: true, message: "Data film tersimpan." };
  });
}

async function saveFile(kind: "poster" | "subtitle", formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return runFormAction(values, async () => {
    const actor = await requireActor(["kim"]);
    const file = formData.get(kind);
    await saveEntryFile(getDb(), await getStorage(), actor, { filmId: values.filmId ?? "", kind, file: file instanceof File ? file : null });
    revalidatePath(`/kim/film/${values.filmId}`);
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
