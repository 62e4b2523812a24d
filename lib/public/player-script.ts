/**
 * The film page's player script (components/public/video-player.tsx), sent inline with
 * `data-layar="player"`: public pages carry none of Next's scripts. The `<video>` lists the HLS
 * master first and the progressive file second, so a browser with native HLS (Safari, many
 * Android browsers) plays HLS and any other browser, with or without JavaScript, the file.
 * Where there is no native HLS but Media Source Extensions, this script loads hls.js from this
 * origin only when the visitor presses play, and starts at the lowest rendition (360p) on a
 * Save-Data or slow (2g/3g) connection. Any fatal hls.js error falls back to the file.
 */
export function playerScript(hlsUrl: string): string {
  return `(function(){
var url=${JSON.stringify(hlsUrl)};
var c=navigator.connection||{};
var slow=!!c.saveData||/(^|-)(2g|3g)$/.test(c.effectiveType||"");
function load(done){
  if(window.Hls){done();return;}
  var s=document.createElement("script");s.src=url;s.async=true;
  s.onload=done;s.onerror=function(){done();};
  document.head.appendChild(s);
}
document.querySelectorAll("video[data-hls]").forEach(function(v){
  if(v.canPlayType("application/vnd.apple.mpegurl"))return;
  var MS=window.MediaSource||window.ManagedMediaSource;
  if(!MS||!MS.isTypeSupported||!MS.isTypeSupported('video/mp4; codecs="avc1.4d401e,mp4a.40.2"'))return;
  var taken=false;
  v.addEventListener("play",function(){
    if(taken)return;taken=true;
    var at=v.currentTime;v.pause();
    load(function(){
      var H=window.Hls;
      if(!H||!H.isSupported()){v.play();return;}
      var file=v.currentSrc;
      var h=new H({startLevel:slow?0:-1,capLevelToPlayerSize:true,startPosition:at>0?at:-1});
      h.on(H.Events.MANIFEST_PARSED,function(){v.play().catch(function(){});});
      h.on(H.Events.ERROR,function(e,d){
        if(!d||!d.fatal)return;
        h.destroy();v.src=file;v.currentTime=at;v.play().catch(function(){});
      });
      h.loadSource(v.getAttribute("data-hls"));
      h.attachMedia(v);
    });
  });
});
})();`;
}
