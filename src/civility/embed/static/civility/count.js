// Civility comment counts for list pages, in one request:
// <script src="https://comments.example.org/embed/count.js" data-site="SLUG" async></script>
// fills every element marked data-civility-count with "N comments". The story is named by
// data-story-id, or data-story-url, or (for a link) its href.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !window.fetch) return;
  var base = new URL(script.src, location.href).origin;
  var site = (script.getAttribute("data-site") || "").trim();
  if (!site) return;

  var MAX = 100; // what the server answers for at most
  var marked = document.querySelectorAll("[data-civility-count]");
  var wanted = [];
  var query = new URLSearchParams();
  for (var i = 0; i < marked.length && wanted.length < MAX; i++) {
    var el = marked[i];
    var id = el.getAttribute("data-story-id");
    var url = el.getAttribute("data-story-url") || (el.tagName === "A" ? el.href : "");
    if (id) {
      query.append("id", id);
      wanted.push({ el: el, kind: "ids", key: id });
    } else if (url) {
      url = new URL(url, location.href);
      url.hash = "";
      query.append("url", url.href);
      wanted.push({ el: el, kind: "urls", key: url.href });
    }
  }
  if (!wanted.length) return;

  function label(count) {
    return count === 1 ? "1 comment" : count + " comments";
  }

  fetch(base + "/embed/" + encodeURIComponent(site) + "/counts/?" + query.toString(), {
    credentials: "omit",
  })
    .then(function (response) {
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    })
    .then(function (counts) {
      wanted.forEach(function (item) {
        var count = (counts[item.kind] || {})[item.key] || 0;
        item.el.textContent = label(count);
        item.el.setAttribute("data-civility-count", String(count));
      });
    })
    .catch(function () {
      // Leave the page's own text in place when the counts cannot be had.
    });
})();
