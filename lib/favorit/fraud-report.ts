// The organiser's fraud report over an edition's votes (docs/decisions/0036): pure, so the rules
// are tested without a database. Counts per hour (WIB), network and email domain, and bursts:
// a network with many votes within a few minutes, and minutes far above the usual minute.
// It never counts per film: while the vote is open nobody sees who is ahead.

export type ReportVote = { id: string; votedAt: Date; network: string | null; emailDomain: string | null; voided: boolean };

export type Burst = { network: string; from: Date; to: Date; votes: number; voteIds: string[] };
export type Spike = { minute: Date; votes: number; median: number };

export type FraudReport = {
  valid: number;
  voided: number;
  perHour: { hour: Date; votes: number }[];
  perNetwork: { network: string; votes: number }[];
  perDomain: { domain: string; votes: number }[];
  bursts: Burst[];
  spikes: Spike[];
};

export type FraudOptions = { burstVotes?: number; burstMinutes?: number; spikeFactor?: number; spikeMin?: number; top?: number };

const hourMs = 3_600_000;
const minuteMs = 60_000;

function top<K>(counts: Map<K, number>, n: number) {
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0]))).slice(0, n);
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Bursts: for each network, the largest runs of ≥ burstVotes (default 10) valid votes whose
 * first and last lie within burstMinutes (default 10); overlapping windows merge into one burst.
 * Spikes: minutes with ≥ spikeMin (default 10) votes and ≥ spikeFactor (default 5) times the
 * median of the minutes that had votes.
 */
export function fraudReport(votes: ReportVote[], options: FraudOptions = {}): FraudReport {
  const { burstVotes = 10, burstMinutes = 10, spikeFactor = 5, spikeMin = 10, top: topN = 10 } = options;
  const valid = votes.filter((v) => !v.voided);
  const perHour = new Map<number, number>();
  const perNetwork = new Map<string, number>();
  const perDomain = new Map<string, number>();
  const perMinute = new Map<number, number>();
  const byNetwork = new Map<string, ReportVote[]>();
  for (const vote of valid) {
    const t = vote.votedAt.getTime();
    // WIB hours start on UTC hours (UTC+7), so flooring in UTC is flooring in WIB.
    const hour = Math.floor(t / hourMs) * hourMs;
    perHour.set(hour, (perHour.get(hour) ?? 0) + 1);
    const minute = Math.floor(t / minuteMs) * minuteMs;
    perMinute.set(minute, (perMinute.get(minute) ?? 0) + 1);
    const network = vote.network ?? "unknown";
    perNetwork.set(network, (perNetwork.get(network) ?? 0) + 1);
    if (vote.emailDomain) perDomain.set(vote.emailDomain, (perDomain.get(vote.emailDomain) ?? 0) + 1);
    const list = byNetwork.get(network) ?? [];
    list.push(vote);
    byNetwork.set(network, list);
  }

  const bursts: Burst[] = [];
  const span = burstMinutes * minuteMs;
  for (const [network, list] of byNetwork) {
    const sorted = [...list].sort((a, b) => a.votedAt.getTime() - b.votedAt.getTime());
    let current: { start: number; end: number } | null = null;
    const ranges: { start: number; end: number }[] = [];
    let left = 0;
    for (let right = 0; right < sorted.length; right++) {
      while (sorted[right].votedAt.getTime() - sorted[left].votedAt.getTime() > span) left++;
      if (right - left + 1 >= burstVotes) {
        if (current && left <= current.end) current.end = right;
        else ranges.push((current = { start: left, end: right }));
      }
    }
    for (const range of ranges) {
      const members = sorted.slice(range.start, range.end + 1);
      bursts.push({ network, from: members[0].votedAt, to: members[members.length - 1].votedAt, votes: members.length, voteIds: members.map((v) => v.id) });
    }
  }
  bursts.sort((a, b) => b.votes - a.votes || a.from.getTime() - b.from.getTime());

  const typical = median([...perMinute.values()]);
  const spikes: Spike[] = [...perMinute.entries()]
    .filter(([, n]) => n >= spikeMin && n >= spikeFactor * typical)
    .sort((a, b) => a[0] - b[0])
    .map(([minute, n]) => ({ minute: new Date(minute), votes: n, median: typical }));

  return {
    valid: valid.length,
    voided: votes.length - valid.length,
    perHour: [...perHour.entries()].sort((a, b) => a[0] - b[0]).map(([hour, n]) => ({ hour: new Date(hour), votes: n })),
    perNetwork: top(perNetwork, topN).map(([network, n]) => ({ network, votes: n })),
    perDomain: top(perDomain, topN).map(([domain, n]) => ({ domain, votes: n })),
    bursts,
    spikes,
  };
}
