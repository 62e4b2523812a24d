import type { Metadata } from "next";
import { PageTitle } from "@/components/layout/page-title";
import { RegistrationDecision } from "@/components/admin/registration-decision";
import { requirePageActor } from "@/lib/auth/page-guard";
import { listPendingRegistrations } from "@/lib/auth/register-kim";
import { getDb } from "@/lib/db/client";
import { formatWib } from "@/lib/format/dates";

export const metadata: Metadata = { title: "Pendaftaran KIM" };
export const dynamic = "force-dynamic";

export default async function RegistrationsPage() {
  const actor = await requirePageActor(["organiser"], "/admin/pendaftaran");
  const pending = await listPendingRegistrations(getDb(), actor);
  return (
    <div>
      <PageTitle title="Pendaftaran KIM" subtitle="Setujui KIM yang benar ada di wilayah Anda; tolak dengan alasan yang jelas." />
      {pending.length === 0 ? (
        <p className="text-muted">Tidak ada pendaftaran yang menunggu.</p>
      ) : (
        <ul className="space-y-3">
          {pending.map((r) => (
            <li key={r.id} className="card">
              <p className="text-lg font-semibold">{r.kimName}</p>
              <p className="text-sm text-muted">
                Desa {r.villageName} ({r.villageCode}) · didaftarkan {formatWib(r.createdAt)}
              </p>
              <p className="mt-1">
                {r.userName} ({r.position}) · {r.email}
                {r.phone ? ` · ${r.phone}` : ""}
              </p>
              {r.existingKimId && <p className="text-sm">KIM ini sudah ada di daftar; akun akan ditautkan ke KIM tersebut.</p>}
              <RegistrationDecision registrationId={r.id} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
