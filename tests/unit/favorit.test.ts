import { describe, expect, it } from "vitest";
import { disposableDomainCount, isDisposableDomain } from "@/lib/favorit/disposable";
import { fraudReport, type ReportVote } from "@/lib/favorit/fraud-report";
import { codeHash, emailDomain, generateCode, networkOf, normaliseEmail, normalisePhone, readCode, sameHash } from "@/lib/favorit/identity";

describe("a voter's identity", () => {
  it("is one per mailbox: case, spaces, +tags and Gmail's dots do not make another voter", () => {
    expect(normaliseEmail("  Siti.Rahma+1@Gmail.com ")).toBe("sitirahma@gmail.com");
    expect(normaliseEmail("siti.rahma@googlemail.com")).toBe("sitirahma@gmail.com");
    expect(normaliseEmail("budi.s+festival@yahoo.co.id")).toBe("budi.s@yahoo.co.id");
    // Dots matter outside Gmail.
    expect(normaliseEmail("budi.s@yahoo.co.id")).not.toBe(normaliseEmail("budis@yahoo.co.id"));
    expect(normaliseEmail("bukan email")).toBeNull();
    expect(normaliseEmail("a@b")).toBeNull();
    expect(normaliseEmail("+tag@gmail.com")).toBeNull();
    // What a browser's type="email" refuses is refused here too (a posted form skips the browser).
    expect(normaliseEmail("<script>alert(1)</script>@gmail.com")).toBeNull();
    expect(normaliseEmail('"siti rahma"@gmail.com')).toBeNull();
    expect(normaliseEmail("o'brien-x_1@kominfo.go.id")).toBe("o'brien-x_1@kominfo.go.id");
    expect(emailDomain("sitirahma@gmail.com")).toBe("gmail.com");
  });

  it("reads Indonesian mobile numbers in their usual spellings", () => {
    expect(normalisePhone("0812-3456-789")).toBe("628123456789");
    expect(normalisePhone("+62 812 3456 789")).toBe("628123456789");
    expect(normalisePhone("021 555 1234")).toBeNull();
    expect(normalisePhone("abc")).toBeNull();
  });
});

describe("a client's network", () => {
  it("is the /24 of IPv4 and the /48 of IPv6", () => {
    expect(networkOf("203.0.113.77")).toBe("203.0.113.0/24");
    expect(networkOf("::ffff:203.0.113.5")).toBe("203.0.113.0/24");
    expect(networkOf("2001:db8:abcd:12::1")).toBe("2001:db8:abcd::/48");
    expect(networkOf("2001:0db8:0001:0:0:0:0:1")).toBe("2001:db8:1::/48");
    expect(networkOf("::1")).toBe("0:0:0::/48");
    expect(networkOf("unknown")).toBe("unknown");
  });
});

describe("disposable email domains", () => {
  it("come from the bundled list of a few hundred, subdomains included; ordinary providers pass", () => {
    expect(disposableDomainCount()).toBeGreaterThan(300);
    expect(isDisposableDomain("mailinator.com")).toBe(true);
    expect(isDisposableDomain("YOPMAIL.COM")).toBe(true);
    expect(isDisposableDomain("inbox.guerrillamail.com")).toBe(true);
    expect(isDisposableDomain("gmail.com")).toBe(false);
    expect(isDisposableDomain("yahoo.co.id")).toBe(false);
    expect(isDisposableDomain("karanganyarkab.go.id")).toBe(false);
  });
});

describe("codes", () => {
  it("are six digits, read with spaces or a dash, and stored only as a hash bound to their row", () => {
    for (let i = 0; i < 200; i++) expect(generateCode()).toMatch(/^\d{6}$/);
    expect(readCode(" 123 456 ")).toBe("123456");
    expect(readCode("123-456")).toBe("123456");
    expect(readCode("12345")).toBeNull();
    expect(readCode("12345a")).toBeNull();
    const a = codeHash("row-a", "123456");
    expect(a).not.toContain("123456");
    expect(codeHash("row-b", "123456")).not.toBe(a);
    expect(sameHash(a, codeHash("row-a", "123456"))).toBe(true);
    expect(sameHash(a, codeHash("row-a", "123457"))).toBe(false);
  });
});

describe("the fraud report", () => {
  const t0 = Date.UTC(2026, 11, 6, 3, 0, 0); // 10.00 WIB
  const vote = (i: number, minutes: number, network: string, domain = "gmail.com", voided = false): ReportVote => ({ id: `v${i}`, votedAt: new Date(t0 + minutes * 60_000), network, emailDomain: domain, voided });

  it("counts valid votes per hour, network and domain; voided votes are left out", () => {
    const votes = [vote(1, 0, "a/24"), vote(2, 30, "a/24", "yahoo.co.id"), vote(3, 70, "b/24"), vote(4, 71, "b/24", "gmail.com", true)];
    const report = fraudReport(votes);
    expect(report.valid).toBe(3);
    expect(report.voided).toBe(1);
    expect(report.perHour).toEqual([
      { hour: new Date(t0), votes: 2 },
      { hour: new Date(t0 + 3_600_000), votes: 1 },
    ]);
    expect(report.perNetwork).toEqual([
      { network: "a/24", votes: 2 },
      { network: "b/24", votes: 1 },
    ]);
    expect(report.perDomain[0]).toEqual({ domain: "gmail.com", votes: 2 });
  });

  it("finds a burst of 12 votes from one network in 6 minutes, with its vote ids, and not the same count spread over hours", () => {
    const burst = Array.from({ length: 12 }, (_, i) => vote(100 + i, 200 + i * 0.5, "10.9.8.0/24", "mailku.id"));
    const spread = Array.from({ length: 12 }, (_, i) => vote(200 + i, i * 20, "10.1.1.0/24"));
    const report = fraudReport([...burst, ...spread], { burstVotes: 10, burstMinutes: 10 });
    expect(report.bursts).toHaveLength(1);
    expect(report.bursts[0]).toMatchObject({ network: "10.9.8.0/24", votes: 12 });
    expect(report.bursts[0].voteIds.sort()).toEqual(burst.map((v) => v.id).sort());
    expect(report.spikes.map((s) => s.votes)).toEqual([]);
  });

  it("marks a minute far above the median minute as a spike; a burst that was voided no longer shows", () => {
    const steady = Array.from({ length: 30 }, (_, i) => vote(i, i * 3, `n${i}/24`));
    const spike = Array.from({ length: 15 }, (_, i) => vote(500 + i, 100 + i / 60, `s${i}/24`));
    const report = fraudReport([...steady, ...spike]);
    expect(report.spikes).toHaveLength(1);
    expect(report.spikes[0]).toMatchObject({ votes: 15, median: 1 });
    const voidedBurst = Array.from({ length: 12 }, (_, i) => vote(900 + i, i / 2, "x/24", "gmail.com", true));
    expect(fraudReport(voidedBurst).bursts).toEqual([]);
  });
});

describe("verification channels", () => {
  it("offer email only without a gateway; with FAVORIT_SMS_GATEWAY_URL the phone channel posts the code to it", async () => {
    const { createServer } = await import("node:http");
    const { resetEnvForTests } = await import("@/lib/env");
    const { availableChannels } = await import("@/lib/favorit/channel");
    delete process.env.FAVORIT_SMS_GATEWAY_URL;
    resetEnvForTests();
    expect(availableChannels().map((c) => c.kind)).toEqual(["email"]);

    const received: string[] = [];
    const server = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        received.push(body);
        res.end("ok");
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    try {
      process.env.FAVORIT_SMS_GATEWAY_URL = `http://127.0.0.1:${port}/kirim`;
      resetEnvForTests();
      const phone = availableChannels().find((c) => c.kind === "phone")!;
      expect(phone.normalise("0812 3456 7890")).toBe("6281234567890");
      await phone.send("0812 3456 7890", "123456", "Festival Uji");
      expect(JSON.parse(received[0])).toMatchObject({ to: "6281234567890" });
      expect(JSON.parse(received[0]).text).toContain("123456");
    } finally {
      delete process.env.FAVORIT_SMS_GATEWAY_URL;
      resetEnvForTests();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
