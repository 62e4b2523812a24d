import type { Metadata } from "next";
import { PageTitle } from "@/components/layout/page-title";
import { RegisterForm } from "@/components/auth/register-form";

export const metadata: Metadata = { title: "Daftarkan KIM" };

export default function RegisterPage() {
  return (
    <div className="mx-auto max-w-lg">
      <PageTitle title="Daftarkan KIM" subtitle="Diskominfo kabupaten/kota Anda akan memeriksa pendaftaran ini. Setelah disetujui, KIM Anda bisa mengirim film." />
      <RegisterForm />
    </div>
  );
}
