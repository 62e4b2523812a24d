import type { getTranslations } from "next-intl/server";
import type { KimProfile } from "@/lib/public/get-kim-profile";

/**
 * What a KIM says of itself on its public profile: the description and social links its
 * members keep (never contacts or board members). A server component: the profile is a
 * lean page without client components.
 */
export function KimAbout({ kim, t }: { kim: Pick<KimProfile, "description" | "socialLinks">; t: Awaited<ReturnType<typeof getTranslations>> }) {
  if (!kim.description && kim.socialLinks.length === 0) return null;
  return (
    <section aria-labelledby="h-tentang" className="space-y-2" data-testid="kim-about">
      <h2 id="h-tentang" className="text-xl font-semibold">
        {t("kimRegistry.publik.about")}
      </h2>
      {kim.description && <p className="break-words whitespace-pre-line">{kim.description}</p>}
      {kim.socialLinks.length > 0 && (
        <ul aria-label={t("kimRegistry.publik.links")} className="flex flex-wrap gap-x-4 gap-y-1">
          {kim.socialLinks.filter((link) => link.url.startsWith("https://")).map((link) => (
            <li key={link.url}>
              <a href={link.url} rel="noopener noreferrer nofollow ugc" target="_blank" className="break-all">
                {link.label}
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
