import type { Metadata } from "next";
import { PageTitle } from "@/components/layout/page-title";
import { RequestResetForm } from "@/components/auth/simple-forms";

export const metadata: Metadata = { title: "Lupa kata sandi" };

export default function ForgotPasswordPage() {
  return (
    <div className="mx-auto max-w-md">
      <PageTitle title="Lupa kata sandi" subtitle="Kami kirim tautan untuk membuat kata sandi baru ke email Anda." />
      <RequestResetForm />
    </div>
  );
}
