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

type Props = { searchParams: Promise<{ dihapus?: string }> };

/** The KIM member's own KIM's activities: the list and a form to add one. */
export default async function KimActivitiesPage({ searchParams }: Props) {
  const actor = await requirePageActor(["kim"], "/kim/kegiatan");
  const data = await listKimActivities(getDb(), actor, actor.kimId ?? "").catch((error: unknown) => {
    if (error instanceof AppError) notFound();
    throw error;
  });
  const [t, td] = await Promise.all([getTranslations("kimActivity"), getTranslations("dashboard")]);
  const { dihapus } = await searchParams;
  return <ActivityListPage data={data} base="/kim/kegiatan" back={{ href: "/kim", label: td("kim") }} organiser={false} notice={dihapus === "1" ? t("list.deleted") : null} />;
}
