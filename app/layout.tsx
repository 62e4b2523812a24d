// The real root layout (<html lang>) is app/[locale]/layout.tsx: next.config.mjs rewrites every page
// request to /{locale}/... (locale from the NEXT_LOCALE cookie). This one only exists so that
// app/not-found.tsx (unmatched URLs the rewrites leave alone) has a layout.
export default function RootLayout({ children }: { children: React.ReactNode }) {
  return children;
}
