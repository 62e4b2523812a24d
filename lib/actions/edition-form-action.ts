import { revalidatePath, revalidateTag } from "next/cache";
import { requireActor } from "@/lib/auth/session";
import { publicCacheTag } from "@/lib/public/cache";
import { forgetSharedReads } from "@/lib/public/shared-read";
import { clearPageCache } from "@/lib/server/page-cache";
import { formValues, runFormAction, type FormState } from "./form-state";

// Shared by the organiser's server action files (not itself a "use server" module: these are
// helpers, not endpoints). Every action still checks the session itself through organiser().

export const organiser = () => requireActor(["organiser"]);

/** The public pages are static (docs/decisions/0007): render them again now, not after their revalidate time. */
export function refreshPublicPages(): void {
  revalidatePath("/", "layout");
  revalidateTag(publicCacheTag, { expire: 0 });
  clearPageCache(); // server.mjs's compressed copies (lib/server/page-cache.ts)
  forgetSharedReads(); // the archive's choices, the RSS feed (lib/public/shared-read.ts)
}

/**
 * A form action on one edition's pages: the edition's slug comes in the form (field `slugField`),
 * `run` does the work and returns the message; every page of that edition is rendered again.
 */
export function editionFormAction(run: (values: Record<string, string>, slug: string) => Promise<string>, options: { slugField?: string; refreshPublic?: boolean } = {}) {
  const { slugField = "slug", refreshPublic = false } = options;
  return async (_prev: FormState, formData: FormData): Promise<FormState> => {
    const values = formValues(formData);
    const slug = values[slugField] ?? "";
    return runFormAction(values, async () => {
      const message = await run(values, slug);
      revalidatePath(`/admin/festival/${slug}`, "layout");
      if (refreshPublic) refreshPublicPages();
      return { ok: true, message };
    });
  };
}
