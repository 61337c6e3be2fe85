// The framed thread's side of the embed: report our height, follow the host's theme, sign in by
// SSO, and open permalinks in place. Messages go only to, and are taken only from, the host
// origin the server checked against the site's allowed origins (data-parent-origin).
(function () {
  "use strict";
  var root = document.documentElement;
  var body = document.body;
  var parentOrigin = body.getAttribute("data-parent-origin");
  var framed = window.parent !== window && !!parentOrigin;
  var token = null; // the embed token from the SSO exchange; kept in memory only
  var HEADER = "X-Civility-Embed";

  function tell(message) {
    if (framed) window.parent.postMessage(message, parentOrigin);
  }

  // Height: the host sizes the iframe to what we report, so the thread never scrolls inside.
  var lastHeight = 0;
  function reportHeight() {
    var height = Math.ceil(root.getBoundingClientRect().height);
    if (height !== lastHeight) {
      lastHeight = height;
      tell({ civility: "height", height: height });
    }
  }
  if (window.ResizeObserver) new ResizeObserver(reportHeight).observe(body);
  window.addEventListener("load", reportHeight);
  document.addEventListener("htmx:afterSettle", reportHeight);
  document.addEventListener("toggle", reportHeight, true); // <details> folds open and shut

  function status(text, isError) {
    var box = document.getElementById("embed-status");
    if (!box) return;
    box.textContent = "";
    if (!text) return;
    var p = document.createElement("p");
    p.className = "notice " + (isError ? "notice-error" : "notice-ok");
    p.setAttribute("role", isError ? "alert" : "status");
    p.textContent = text;
    box.appendChild(p);
  }

  // Every htmx request carries the embed token once we have one.
  document.addEventListener("htmx:configRequest", function (event) {
    if (token) event.detail.headers[HEADER] = token;
  });

  // A refusal that wants a login page would replace the frame; open it in a new window instead.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var xhr = event.detail.xhr;
    var to = xhr && xhr.getResponseHeader("HX-Redirect");
    if (to) {
      event.detail.shouldSwap = false;
      window.open(to, "_blank", "noopener");
    }
  });

  function reload(query) {
    if (!window.htmx) return;
    window.htmx.ajax("GET", location.pathname + (query || location.search), {
      target: "#embed-main",
      select: "#embed-main",
      swap: "outerHTML",
    });
  }

  function signIn(jwt) {
    var url = body.getAttribute("data-sso-url");
    if (!url || typeof jwt !== "string" || !jwt) return;
    fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ token: jwt }),
      credentials: "omit",
    })
      .then(function (response) {
        return response.json().then(function (data) {
          return { ok: response.ok, data: data || {} };
        });
      })
      .then(function (result) {
        if (!result.ok) {
          status("Could not sign you in: " + (result.data.error || "unknown error"), true);
          return;
        }
        token = result.data.token;
        status("");
        reload();
      })
      .catch(function () {
        status("Could not sign you in: the comment server did not answer.", true);
      });
  }

  function setScheme(scheme) {
    if (root.hasAttribute("data-theme-auto") && (scheme === "light" || scheme === "dark")) {
      root.setAttribute("data-theme", scheme);
    }
  }

  // Show one comment: scroll the host to it, or load the page of the thread that holds it.
  var pendingShow = null;
  function show(id) {
    id = String(id);
    if (!/^\d+$/.test(id)) return;
    var article = document.getElementById("comment-" + id);
    if (!article) {
      pendingShow = id;
      reload("?comment=" + id);
      return;
    }
    pendingShow = null;
    var fold = article.querySelector("details.comment-fold");
    if (fold) fold.open = true;
    var marked = document.querySelectorAll(".comment.is-target");
    for (var i = 0; i < marked.length; i++) marked[i].classList.remove("is-target");
    article.classList.add("is-target");
    reportHeight();
    tell({ civility: "scroll", top: Math.max(0, article.getBoundingClientRect().top + window.scrollY) });
  }
  document.addEventListener("htmx:afterSettle", function () {
    if (pendingShow && document.getElementById("comment-" + pendingShow)) show(pendingShow);
  });

  window.addEventListener("message", function (event) {
    if (!framed || event.origin !== parentOrigin || event.source !== window.parent) return;
    var message = event.data;
    if (!message || typeof message !== "object") return;
    if (message.civility === "sso") signIn(message.token);
    else if (message.civility === "scheme") setScheme(message.scheme);
    else if (message.civility === "show") show(message.comment);
  });

  // Links: a comment's permalink becomes the host page's #comment-N; htmx links stay in the
  // frame; any other page opens in a new window, since the frame shows only the thread.
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[href]") : null;
    if (!link || event.defaultPrevented || !framed) return;
    if (link.closest("[hx-boost]") || link.hasAttribute("hx-get")) return;
    if (link.closest(".comment-slot .cancel")) return;
    var url = new URL(link.href, location.href);
    var permalink = url.origin === location.origin && /^\/comments\/(\d+)\/$/.exec(url.pathname);
    event.preventDefault();
    if (permalink) {
      tell({ civility: "permalink", comment: permalink[1] });
    } else {
      window.open(url.href, "_blank", "noopener");
    }
  });

  tell({ civility: "ready" });
  reportHeight();
})();
