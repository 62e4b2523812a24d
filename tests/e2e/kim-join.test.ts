import { describe, expect, test } from "vitest";
import { formsIn, hiddenFields, httpSignIn, registerKimWithoutJs, submitFormWithoutJs, testKimPassword, url } from "./helpers";

// Issue 12, item 2, from outside: the name and village of a KIM with an active member are
// public (/api/v1/kim); registering with them must not open the KIM to the registrant until a
// member agrees on /kim, in a form that works without JavaScript.

const get = (path: string, cookie = "") => fetch(url(path), { headers: { Cookie: cookie }, redirect: "manual" });
const visible = (html: string) => html.replace(/<script\b[\s\S]*?<\/script>/g, "");

describe("joining a KIM that has an active member", () => {
  test("the registrant reads nothing until the member approves with a plain form post", async () => {
    const member = await httpSignIn("kim@layar.test");
    expect(member.ok).toBe(true);
    const memberDashboard = visible(await (await get("/kim", member.cookie)).text());
    const kimName = memberDashboard.match(/KIM: ([^<]+)/)?.[1]?.trim();
    expect(kimName, "the member's dashboard names its KIM").toBeTruthy();
    const directory = (await (await fetch(url("/api/v1/kim?regency=33.13"))).json()) as { kims: { name: string; villageCode: string | null }[] };
    const listed = directory.kims.find((k) => k.name === kimName);
    expect(listed?.villageCode, "the KIM's village is public").toBeTruthy();

    // Registered with the public name (in other capitals) and village.
    const { email } = await registerKimWithoutJs("gabung", { kimName: kimName!.toUpperCase(), villageCode: listed!.villageCode! });
    const applicant = await httpSignIn(email, testKimPassword);
    expect(applicant.ok).toBe(true);
    const waiting = visible(await (await get("/kim", applicant.cookie)).text());
    expect(waiting).toContain("menunggu persetujuan salah satu anggota aktifnya");
    expect(waiting).not.toContain("Film KIM Anda");

    // The organiser's screen offers no approval for it.
    const organiser = await httpSignIn("admin.karanganyar@layar.test");
    const item = (await (await get("/admin/pendaftaran", organiser.cookie)).text()).split("<li").find((chunk) => chunk.includes(email));
    expect(item).toBeDefined();
    expect(formsIn(item!).some((f) => /name="decision" value="approve"/.test(f))).toBe(false);

    // The member sees the request and approves it without JavaScript.
    const memberPage = await (await get("/kim", member.cookie)).text();
    const request = visible(memberPage).split("<li").find((chunk) => chunk.includes(email));
    expect(request, "the request is listed on the member's dashboard").toBeDefined();
    const approve = formsIn(request!).find((f) => /name="decision" value="approve"/.test(f));
    expect(approve).toBeDefined();
    const response = await submitFormWithoutJs("/kim", hiddenFields(approve!), member.cookie);
    expect([303, 307]).toContain(response.status);
    const location = response.headers.get("location") ?? "";
    expect(location).toContain("/kim?permintaan=disetujui");
    const after = visible(await (await get(new URL(location, url("/")).pathname + "?permintaan=disetujui", member.cookie)).text());
    expect(after).toContain("Permintaan bergabung disetujui");
    expect(after).not.toContain(email);

    const joined = visible(await (await get("/kim", applicant.cookie)).text());
    expect(joined).toContain("Film KIM Anda");
    expect(joined).toContain(`KIM: ${kimName}`);
  });
});
