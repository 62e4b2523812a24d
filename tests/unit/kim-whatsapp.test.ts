import { describe, expect, it } from "vitest";
import { whatsappLink, whatsappNumber } from "@/lib/kim/whatsapp";

describe("whatsappNumber", () => {
  it.each([
    ["0812-3456-7890", "6281234567890"],
    ["0812 3456 7890", "6281234567890"],
    ["+62 812 3456 7890", "6281234567890"],
    ["+62-812-3456-7890", "6281234567890"],
    ["62 812 3456 7890", "6281234567890"],
    ["+62 0812 3456 7890", "6281234567890"],
    ["0062 812 3456 7890", "6281234567890"],
    ["(0812) 3456.7890", "6281234567890"],
    ["812 3456 7890", "6281234567890"],
    ["08123456789", "628123456789"],
    ["0271 495 123", "62271495123"],
  ])("%s -> %s", (input, expected) => {
    expect(whatsappNumber(input)).toBe(expected);
  });

  it.each([[""], [null], [undefined], ["bukan nomor"], ["0812-3456-abcd"], ["+1 415 555 0100"], ["12345"], ["0812"], ["+62 812 3456 7890 1234 5"], ["++62812345678"]])(
    "refuses %s",
    (input) => {
      expect(whatsappNumber(input as string | null | undefined)).toBeNull();
    },
  );
});

describe("whatsappLink", () => {
  it("links to wa.me with the number only", () => {
    expect(whatsappLink("0812-3456-7890")).toBe("https://wa.me/6281234567890");
  });
  it("writes the message out, encoded", () => {
    expect(whatsappLink("+6281234567890", "Halo KIM & kawan")).toBe("https://wa.me/6281234567890?text=Halo%20KIM%20%26%20kawan");
  });
  it("gives no link without a usable number", () => {
    expect(whatsappLink("—")).toBeNull();
    expect(whatsappLink(null, "Halo")).toBeNull();
  });
});
