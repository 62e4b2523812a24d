import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ActivityEditPage } from "@/components/kim/activity-pages";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getKimActivity } from "@/lib/kim/activities";

export const metadata: Metadata = { title: "Kegiatan KIM" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ tersimpan?: string }> };

/** One of the KIM's own activities: edit, photos, delete. */
export default async function KimActivityPage({ params, searchParams }: Props) {
  const { id } = await params;
  const actor = await requirePageActor(["kim"], `/kim/kegiatan/${id}`);
  const data = await getKimActivity(getDb(), actor, id).catch((error: unknown) => {
    if (error instanceof AppError) notFound();
    throw error;
  });
  return <ActivityEditPage data={data} base="/kim/kegiatan" saved={(await searchParams).tersimpan === "1"} />;
}
