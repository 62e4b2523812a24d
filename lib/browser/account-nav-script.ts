import { homePathFor } from "@/lib/auth/scope";
import { sessionHintCookie } from "@/components/layout/session-hint";

/**
 * The header's account links on a page sent without Next's scripts (lib/server/lean-page.ts),
 * as plain script: only when the session hint cookie is there (anonymous visitors send no
 * request), it asks /api/auth/session who is signed in and puts their links in place of
 * "Daftar" and "Masuk" in the `[data-akun]` element the header renders (its labels in
 * data attributes, in the page's language). Sign-out posts next-auth's form with its CSRF
 * token, as next-auth's own client does. ES5 and no library: it runs on any phone browser.
 */
const homes = JSON.stringify({ organiser: homePathFor("organiser"), judge: homePathFor("judge"), kim: homePathFor("kim") });

export const accountNavScript = `(function(){
var nav=document.querySelector("[data-akun]");
if(!nav||!/(?:^|;\\s*)${sessionHintCookie}=/.test(document.cookie)||!window.fetch)return;
var same={credentials:"same-origin"};
fetch("/api/auth/session",same).then(function(r){return r.ok?r.json():null}).then(function(s){
var home=s&&s.user?${homes}[s.user.role]:null;
if(!home)return;
var d=nav.dataset;
nav.textContent="";
function link(href,text){var a=document.createElement("a");a.href=href;a.textContent=text;nav.appendChild(a)}
link(home,d.dashboard);link("/akun/sandi",d.account);
var b=document.createElement("button");b.type="button";b.className="btn-quiet";b.textContent=d.signOut;
b.onclick=function(){b.disabled=true;fetch("/api/auth/csrf",same).then(function(r){return r.json()}).then(function(c){
return fetch("/api/auth/signout",{method:"POST",credentials:"same-origin",headers:{"Content-Type":"application/x-www-form-urlencoded"},body:"csrfToken="+encodeURIComponent(c.csrfToken)+"&callbackUrl=%2F&json=true"})
}).then(function(){location.href="/"},function(){b.disabled=false})};
nav.appendChild(b);
})["catch"](function(){});
})();`;
