import type { Metadata } from "next";
import Link from "next/link";
import { PageTitle } from "@/components/layout/page-title";
import { AcceptInvitationForm } from "@/components/auth/simple-forms";
import { findInvitation } from "@/lib/auth/invite-judge";
import { getDb } from "@/lib/db/client";
import { regionName } from "@/lib/regions/region-name";

export const metadata: Metadata = { title: "Undangan juri", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const db = getDb();
  const invitation = await findInvitation(db, token);
  if (!invitation) {
    return (
      <div className="mx-auto max-w-md space-y-3">
        <PageTitle title="Undangan tidak berlaku" subtitle="Tautan ini sudah dipakai atau kedaluwarsa. Minta undangan baru kepada panitia." />
        <Link href="/masuk">Masuk</Link>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-md">
      <PageTitle title={`Selamat datang, ${invitation.name}`} subtitle={`Anda diundang menjadi juri. Email: ${invitation.email}. Kabupaten/kota asal: ${await regionName(db, invitation.regencyCode)} (film dari daerah ini tidak akan ditugaskan kepada Anda).`} />
      <AcceptInvitationForm token={token} />
    </div>
  );
}
