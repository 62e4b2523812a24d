import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ActivityEditPage } from "@/components/kim/activity-pages";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getKimActivity } from "@/lib/kim/activities";

export const metadata: Metadata = { title: "Kegiatan KIM" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string; activityId: string }>; searchParams: Promise<{ tersimpan?: string }> };

export default async function OrganiserKimActivityPage({ params, searchParams }: Props) {
  const { id, activityId } = await params;
  const actor = await requirePageActor(["organiser"], `/admin/kim/${id}/kegiatan/${activityId}`);
  const data = await getKimActivity(getDb(), actor, activityId).catch((error: unknown) => {
    if (error instanceof AppError) notFound();
    throw error;
  });
  if (data.kim.id !== id) notFound();
  return <ActivityEditPage data={data} base={`/admin/kim/${id}/kegiatan`} saved={(await searchParams).tersimpan === "1"} />;
}
