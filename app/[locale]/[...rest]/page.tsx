import { notFound } from "next/navigation";

// Unknown paths inside a locale answer with the localized app/[locale]/not-found.tsx.
export default function UnknownPage(): never {
  notFound();
}
