import { describe, expect, it } from "vitest";
import { angkaDanKata, hariTanggalWib, pembukaBeritaAcara, tanggalDalamKata, tanggalWib, terbilang } from "@/lib/documents/terbilang";

describe("terbilang", () => {
  it.each([
    [0, "nol"],
    [1, "satu"],
    [2, "dua"],
    [10, "sepuluh"],
    [11, "sebelas"],
    [12, "dua belas"],
    [19, "sembilan belas"],
    [20, "dua puluh"],
    [21, "dua puluh satu"],
    [99, "sembilan puluh sembilan"],
    [100, "seratus"],
    [101, "seratus satu"],
    [111, "seratus sebelas"],
    [200, "dua ratus"],
    [999, "sembilan ratus sembilan puluh sembilan"],
    [1000, "seribu"],
    [1001, "seribu satu"],
    [1100, "seribu seratus"],
    [2000, "dua ribu"],
    [2026, "dua ribu dua puluh enam"],
    [10000, "sepuluh ribu"],
    [11000, "sebelas ribu"],
    [100000, "seratus ribu"],
    [101000, "seratus satu ribu"],
    [1000000, "satu juta"],
    [1001000, "satu juta seribu"],
    [2500000, "dua juta lima ratus ribu"],
    [1000000000, "satu miliar"],
  ])("%i is %s", (value, words) => {
    expect(terbilang(value)).toBe(words);
  });

  it("says minus for negatives and refuses what is not a whole number", () => {
    expect(terbilang(-3)).toBe("minus tiga");
    expect(() => terbilang(1.5)).toThrow(RangeError);
    expect(() => terbilang(Number.NaN)).toThrow(RangeError);
  });

  it("writes words then the figure, as documents do", () => {
    expect(angkaDanKata(3)).toBe("tiga (3)");
    expect(angkaDanKata(6)).toBe("enam (6)");
    expect(angkaDanKata(12)).toBe("dua belas (12)");
  });
});

describe("dates in words, in WIB", () => {
  const sealed = new Date("2026-11-28T03:00:00Z"); // 10:00 WIB, a Saturday

  it("opens a berita acara the usual way", () => {
    expect(pembukaBeritaAcara(sealed)).toBe("Pada hari ini Sabtu tanggal dua puluh delapan bulan November tahun dua ribu dua puluh enam");
    expect(tanggalDalamKata(new Date("2027-01-01T02:00:00Z"))).toBe("Jumat tanggal satu bulan Januari tahun dua ribu dua puluh tujuh");
  });

  it("uses the WIB day, not the server's or UTC's", () => {
    // 17:30 UTC on Friday the 27th is 00:30 WIB on Saturday the 28th.
    expect(tanggalDalamKata(new Date("2026-11-27T17:30:00Z"))).toMatch(/^Sabtu tanggal dua puluh delapan bulan November/);
    expect(tanggalWib(new Date("2026-12-31T16:59:00Z"))).toBe("31 Desember 2026");
    expect(tanggalWib(new Date("2026-12-31T17:00:00Z"))).toBe("1 Januari 2027");
    expect(hariTanggalWib(sealed)).toBe("Sabtu, 28 November 2026");
  });

  it("agrees with the platform's own calendar for every day of a year", () => {
    const days = ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"];
    for (let t = Date.UTC(2026, 0, 1, 12); t < Date.UTC(2027, 0, 1); t += 86_400_000) {
      const date = new Date(t);
      const expected = new Intl.DateTimeFormat("en-US", { timeZone: "Asia/Jakarta", weekday: "short", day: "numeric", month: "numeric", year: "numeric" }).formatToParts(date);
      const part = (type: string) => Number(expected.find((p) => p.type === type)!.value);
      const weekday = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(expected.find((p) => p.type === "weekday")!.value);
      expect(tanggalDalamKata(date)).toBe(`${days[weekday]} tanggal ${terbilang(part("day"))} bulan ${tanggalWib(date).split(" ")[1]} tahun ${terbilang(part("year"))}`);
      expect(tanggalWib(date).split(" ")[0]).toBe(String(part("day")));
    }
  });
});
