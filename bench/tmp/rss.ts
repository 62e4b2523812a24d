import autocannon from "autocannon";
import { signIn } from "../lib/server";
import { execSync } from "node:child_process";
const base = "http://localhost:3999";
const cookie = await signIn(base, "admin.jateng@layar.test");
const slug = "festival-film-kim-provinsi-jawa-tengah-2026";
const paths = ["/", "/api/v1/arsip?q=sawah", "/arsip?q=sawah", "/arsip", "/api/v1/kim?regency=33", "/wilayah/33", "/api/v1/editions", "/rss.xml", "/sitemap.xml", "/sitemap/kim-1.xml", "/kim/kim-honipopu-8171021018", `/admin/festival/${slug}/hasil`, `/admin/festival/${slug}/penjurian`, `/admin/festival/${slug}/film`];
const pid = execSync("pgrep -f 'server.mjs -p 3999' | head -1").toString().trim();
const rss = () => Number(execSync(`ps -o rss= -p ${pid}`).toString()) / 1024;
let peak = 0;
const timer = setInterval(() => { peak = Math.max(peak, rss()); }, 100);
for (const p of paths) {
  const r: any = await new Promise((res, rej) => autocannon({ url: base + p, connections: 4, duration: 3, headers: { cookie, "accept-encoding": "identity" } }, (e, r) => e ? rej(e) : res(r)));
  console.log(p.slice(0, 50).padEnd(50), String(r.latency.p50).padStart(6), "ms", r.requests.average.toFixed(1).padStart(6), "/s rss", rss().toFixed(0), "peak", peak.toFixed(0));
}
clearInterval(timer);
process.exit(0);
