import type { ScopedLimit } from "@/lib/auth/request-limit";

// The favorit vote's request limits (table request_limit_hits, lib/auth/request-limit.ts). A
// network is an IPv4 /24 or IPv6 /48: a village's phones often share one carrier network
// (CGNAT), so the network limits are generous and the fraud report shows the rest.

export const favoritLimits = {
  /** Codes sent to one address (email or phone) per hour. */
  codesPerAddress: { scope: "favorit-code-address", max: 5, windowMinutes: 60 } satisfies ScopedLimit,
  /** Codes asked for from one network per hour. */
  codesPerNetwork: { scope: "favorit-code-network", max: 120, windowMinutes: 60 } satisfies ScopedLimit,
  /** Ballots (one person's votes, all categories) cast from one network per hour. */
  votesPerNetwork: { scope: "favorit-vote-network", max: 120, windowMinutes: 60 } satisfies ScopedLimit,
};

/** A code lives 10 minutes and allows 5 wrong tries; a verified code lets its person vote for 30 minutes. */
export const codeLifetimeMinutes = 10;
export const maxCodeAttempts = 5;
export const ballotLifetimeMinutes = 30;
