import { signIn } from "../lib/server";
const base = "http://localhost:3999";
const cookie = await signIn(base, "admin.jateng@layar.test");
const paths = process.argv.slice(2);
for (const p of paths) {
  for (let i = 0; i < 8; i++) {
    const s = performance.now();
    const r = await fetch(base + p, { headers: { cookie } });
    const b = await r.arrayBuffer();
    console.log(p, r.status, Math.round(performance.now() - s), "ms", b.byteLength);
  }
}
