"use client";

import { useTranslations } from "next-intl";
import { Check, Input, SectionForm, Select, TextArea } from "@/components/admin/edition-fields";
import type { FormState } from "@/lib/actions/form-state";
import { addActivityPhotoAction, createActivityAction, deleteActivityAction, removeActivityPhotoAction, updateActivityAction } from "@/lib/actions/kim-activity-actions";

/**
 * The forms of a KIM's activities, shared by the KIM member's pages and the organiser's. Each
 * posts on its own, with or without JavaScript; a photo goes one per request (at most 8 MB,
 * under the server actions' body limit).
 */

export type ActivityValues = { heldOn: string; type: string; title: string; report: string | null; links: string[] };

const TYPES = ["pelatihan", "festival", "monev", "studi_banding", "rakor", "konten_digital", "pelayanan_informasi", "lainnya"] as const;

function PhotoField({ state, id }: { state: FormState; id: string }) {
  const t = useTranslations("kimActivity.form");
  const error = state.fieldErrors?.photo?.[0];
  return (
    <div>
      <label htmlFor={id} className="mb-1 block font-medium">
        {t("photo")}
      </label>
      <p id={`${id}-hint`} className="mb-1 text-sm text-muted">
        {t("photoHint")}
      </p>
      <input id={id} name="photo" type="file" accept="image/jpeg,image/png,image/webp,image/heic,image/heif" aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`} aria-invalid={error ? true : undefined} className="field" />
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm text-danger">
          {error}
        </p>
      )}
    </div>
  );
}

function ActivityFields({ state, stored }: { state: FormState; stored?: ActivityValues }) {
  const t = useTranslations("kimActivity");
  return (
    <>
      <div className="grid gap-3 sm:grid-cols-2">
        <Input name="heldOn" label={t("form.heldOn")} type="date" state={state} stored={stored?.heldOn} />
        <Select name="type" label={t("form.type")} state={state} stored={stored?.type ?? "pelatihan"} options={TYPES.map((value) => ({ value, label: t(`types.${value}`) }))} />
      </div>
      <Input name="title" label={t("form.title")} state={state} stored={stored?.title} />
      <TextArea name="report" label={t("form.report")} hint={t("form.reportHint")} rows={5} state={state} stored={stored?.report} />
      <TextArea name="links" label={t("form.links")} hint={t("form.linksHint")} rows={3} state={state} stored={stored?.links.join("\n")} />
    </>
  );
}

/** A new activity, with an optional first photo. */
export function NewActivityForm({ kimId }: { kimId?: string }) {
  const t = useTranslations("kimActivity.form");
  return (
    <SectionForm action={createActivityAction} submit={t("create")}>
      {(state) => (
        <>
          {kimId && <input type="hidden" name="kimId" value={kimId} />}
          <ActivityFields state={state} />
          <PhotoField state={state} id="photo-new" />
          <Check name="keepLocation" id="keepLocation-new" label={t("keepLocation")} state={state} stored={false} />
        </>
      )}
    </SectionForm>
  );
}

export function EditActivityForm({ activityId, stored }: { activityId: string; stored: ActivityValues }) {
  const t = useTranslations("kimActivity.form");
  return (
    <SectionForm action={updateActivityAction} submit={t("save")}>
      {(state) => (
        <>
          <input type="hidden" name="activityId" value={activityId} />
          <ActivityFields state={state} stored={stored} />
        </>
      )}
    </SectionForm>
  );
}

export function AddPhotoForm({ activityId }: { activityId: string }) {
  const t = useTranslations("kimActivity.form");
  return (
    <SectionForm action={addActivityPhotoAction} submit={t("addPhoto")}>
      {(state) => (
        <>
          <input type="hidden" name="activityId" value={activityId} />
          <PhotoField state={state} id="photo-add" />
          <Check name="keepLocation" id="keepLocation-add" label={t("keepLocation")} state={state} stored={false} />
        </>
      )}
    </SectionForm>
  );
}

export function RemovePhotoForm({ photoId, number }: { photoId: string; number: number }) {
  const t = useTranslations("kimActivity.form");
  return (
    <SectionForm action={removeActivityPhotoAction} submit={t("removePhoto", { number })}>
      {() => <input type="hidden" name="photoId" value={photoId} />}
    </SectionForm>
  );
}

export function DeleteActivityForm({ activityId }: { activityId: string }) {
  const t = useTranslations("kimActivity.form");
  return (
    <SectionForm action={deleteActivityAction} submit={t("delete")}>
      {(state) => (
        <>
          <input type="hidden" name="activityId" value={activityId} />
          <Check name="confirm" id="confirm-delete" label={t("deleteConfirm")} state={state} stored={false} />
        </>
      )}
    </SectionForm>
  );
}
