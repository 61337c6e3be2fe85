// Civility embed: <script src="https://comments.example.org/embed/embed.js" data-site="SLUG"
//   data-story-url="..." (or data-story-id="...") async></script>
// Puts the story's thread in an iframe right after this tag (or in #civility-thread), sized to
// its content. No framework and no requests to anyone but the comment server.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !window.postMessage) return;
  function data(name) {
    return (script.getAttribute("data-" + name) || "").trim();
  }
  var base = new URL(script.src, location.href).origin;
  var site = data("site");
  if (!site) return;

  var dark = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  function scheme() {
    return dark && dark.matches ? "dark" : "light";
  }
  function linkedComment() {
    var match = /^#comment-(\d+)$/.exec(location.hash);
    return match ? match[1] : "";
  }
  function canonicalUrl() {
    var link = document.querySelector("link[rel='canonical']");
    var url = new URL(link ? link.href : location.href, location.href);
    url.hash = "";
    return url.href;
  }

  var query = new URLSearchParams();
  var storyId = data("story-id");
  if (storyId) query.set("id", storyId);
  query.set("url", data("story-url") || canonicalUrl());
  query.set("title", data("story-title") || document.title);
  query.set("origin", location.origin);
  if (data("theme")) query.set("theme", data("theme"));
  query.set("scheme", scheme());
  if (linkedComment()) query.set("comment", linkedComment());

  var frame = document.createElement("iframe");
  frame.src = base + "/embed/" + encodeURIComponent(site) + "/thread/?" + query.toString();
  frame.title = "Comments";
  frame.setAttribute("scrolling", "no");
  frame.style.cssText = "display:block;width:100%;height:320px;border:0;overflow:hidden;";
  var holder = document.getElementById("civility-thread");
  if (holder) holder.appendChild(frame);
  else script.parentNode.insertBefore(frame, script.nextSibling);

  function send(message) {
    if (frame.contentWindow) frame.contentWindow.postMessage(message, base);
  }

  var ssoToken = data("sso-token"); // single use: sent once, to the first page that asks
  window.addEventListener("message", function (event) {
    // Only the frame we made, served from the comment server, may talk to us.
    if (event.origin !== base || event.source !== frame.contentWindow) return;
    var message = event.data;
    if (!message || typeof message !== "object") return;
    if (message.civility === "height") {
      var height = Number(message.height);
      if (height > 0 && height < 200000) frame.style.height = Math.ceil(height) + "px";
    } else if (message.civility === "ready") {
      if (ssoToken) send({ civility: "sso", token: ssoToken });
      ssoToken = "";
      if (linkedComment()) send({ civility: "show", comment: linkedComment() });
    } else if (message.civility === "scroll") {
      var top = frame.getBoundingClientRect().top + window.pageYOffset + (Number(message.top) || 0);
      window.scrollTo(0, Math.max(0, top - 16));
    } else if (message.civility === "permalink" && /^\d+$/.test(String(message.comment))) {
      if (location.hash === "#comment-" + message.comment) {
        send({ civility: "show", comment: String(message.comment) });
      } else {
        location.hash = "comment-" + message.comment; // hashchange below shows it
      }
    }
  });

  window.addEventListener("hashchange", function () {
    if (linkedComment()) send({ civility: "show", comment: linkedComment() });
  });
  function schemeChanged() {
    send({ civility: "scheme", scheme: scheme() });
  }
  if (dark && dark.addEventListener) dark.addEventListener("change", schemeChanged);
  else if (dark && dark.addListener) dark.addListener(schemeChanged);
})();
