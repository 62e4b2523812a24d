/** Film statuses that take part in the ranking (an excluded film, `dikecualikan`, does not). */
export const rankedStatuses = ["diunggah", "lolos_kurasi", "dinilai", "juara"] as const;

/** How a film is named to organisers: its neutral code and its title, never its id. */
export const filmLabel = (film: { code: string; title: string }) => `${film.code} · ${film.title}`;
