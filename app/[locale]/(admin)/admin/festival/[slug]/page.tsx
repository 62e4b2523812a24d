import { redirect } from "next/navigation";

type Props = { params: Promise<{ slug: string }> };

/** An edition's own address opens its settings (the layout has checked who is asking). */
export default async function EditionAdminHome({ params }: Props) {
  redirect(`/admin/festival/${(await params).slug}/pengaturan`);
}
