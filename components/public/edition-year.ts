/** An edition's year as the archive shows it: never an invented one. */
export function editionYear(edition: { year: number | null }, unknown: string): string {
  return edition.year === null ? unknown : String(edition.year);
}
