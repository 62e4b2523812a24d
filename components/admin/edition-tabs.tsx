"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export type EditionTab = { href: string; label: string };

/**
 * The pages of one edition for its organisers. A plain list of links (it works without
 * JavaScript); the current page is marked for screen readers and by its look.
 */
export function EditionTabs({ tabs, label }: { tabs: EditionTab[]; label: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className="-mx-4 mb-6 overflow-x-auto border-b border-line px-4">
      <ul className="flex min-w-max gap-1">
        {tabs.map((tab) => {
          const current = pathname === tab.href || pathname.startsWith(`${tab.href}/`);
          return (
            <li key={tab.href}>
              <Link
                href={tab.href}
                aria-current={current ? "page" : undefined}
                className={`inline-block min-h-11 rounded-t-md px-3 py-2 no-underline ${current ? "border-b-2 border-brand font-semibold text-ink" : "text-muted hover:text-ink"}`}
              >
                {tab.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
