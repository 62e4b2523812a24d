import { describe, expect, it } from "vitest";
import { levelLine, officeName, placeName, placementHeading, regionTitle } from "@/lib/documents/labels";

const regency = { level: "kabupaten" as const, regionName: "Kabupaten Karanganyar", regionCode: "33.13" };
const city = { level: "kabupaten" as const, regionName: "Kota Surakarta", regionCode: "33.72" };
const province = { level: "provinsi" as const, regionName: "Jawa Tengah", regionCode: "33" };

describe("document labels", () => {
  it("names the region and the office as Diskominfo letters do", () => {
    expect(regionTitle(regency)).toBe("Kabupaten Karanganyar");
    expect(regionTitle(province)).toBe("Provinsi Jawa Tengah");
    expect(levelLine(city)).toBe("Tingkat Kota Surakarta");
    expect(officeName(province)).toBe("Dinas Komunikasi dan Informatika Provinsi Jawa Tengah");
  });

  it("signs in the regency or city, or in the province's seat", () => {
    expect(placeName(regency)).toBe("Karanganyar");
    expect(placeName(city)).toBe("Surakarta");
    expect(placeName(province)).toBe("Semarang");
    expect(placeName({ level: "provinsi", regionName: "Daerah Istimewa Yogyakarta", regionCode: "34" })).toBe("Yogyakarta");
    expect(placeName({ level: "provinsi", regionName: "Provinsi Baru" })).toBe("Baru");
  });

  it("writes placements in capitals for the piagam", () => {
    expect(placementHeading("Juara Harapan II")).toBe("JUARA HARAPAN II");
  });
});
