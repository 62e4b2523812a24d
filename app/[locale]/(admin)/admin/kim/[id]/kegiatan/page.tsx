import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ActivityListPage } from "@/components/kim/activity-pages";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { listKimActivities } from "@/lib/kim/activities";

export const metadata: Metadata = { title: "Kegiatan KIM" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ dihapus?: string }> };

/** A KIM's activities for an organiser whose region covers it (another region's KIM: not found). */
export default async function OrganiserKimActivitiesPage({ params, searchParams }: Props) {
  const { id } = await params;
  const actor = await requirePageActor(["organiser"], `/admin/kim/${id}/kegiatan`);
  const data = await listKimActivities(getDb(), actor, id).catch((error: unknown) => {
    if (error instanceof AppError) notFound();
    throw error;
  });
  const t = await getTranslations("kimActivity");
  const { dihapus } = await searchParams;
  return <ActivityListPage data={data} base={`/admin/kim/${id}/kegiatan`} back={{ href: `/admin/kim/${id}`, label: data.kim.name }} organiser notice={dihapus === "1" ? t("list.deleted") : null} />;
}
