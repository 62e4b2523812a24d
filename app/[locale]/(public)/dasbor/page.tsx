import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth/session";
import { homePathFor } from "@/lib/auth/scope";

export const dynamic = "force-dynamic";

/** Where sign-in lands: each role's own dashboard. */
export default async function DashboardRedirect() {
  const actor = await getActor();
  redirect(actor ? homePathFor(actor.role) : "/masuk");
}
