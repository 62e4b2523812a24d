import { signIn } from "../lib/server";
const base = "http://localhost:3999";
const cookie = await signIn(base, "admin.jateng@layar.test");
const html = await (await fetch(base + process.argv[2], { headers: { cookie } })).text();
const body = html.replace(/<script[\s\S]*?<\/script>/g, "");
console.log("total", html.length, "without scripts", body.length);
for (const m of body.matchAll(/<section[^>]*?aria-labelledby="([^"]+)"[\s\S]*?<\/section>/g)) console.log(m[1], m[0].length);
for (const m of body.matchAll(/<(ul|ol|table|select|form)[^>]*>/g)) {}
const tags = new Map<string, number>();
for (const m of body.matchAll(/<([a-z]+)/g)) tags.set(m[1], (tags.get(m[1]) ?? 0) + 1);
console.log([...tags].sort((a, b) => b[1] - a[1]).slice(0, 12));
