// Progressive enhancement for the story page; everything works without it.
(function () {
  "use strict";

  // A permalink (#comment-N) into a collapsed list opens that comment.
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!/^comment-\d+$/.test(id)) return;
    var article = document.getElementById(id);
    if (!article) return;
    var fold = article.querySelector("details.comment-fold");
    if (fold) fold.open = true;
  }
  window.addEventListener("hashchange", openTarget);
  document.addEventListener("DOMContentLoaded", openTarget);

  // "Cancel" in an inline form closes it instead of leaving the page, and returns focus.
  document.addEventListener("click", function (event) {
    var cancel = event.target.closest(".comment-slot .cancel");
    if (!cancel) return;
    event.preventDefault();
    var slot = cancel.closest(".comment-slot");
    var article = slot.closest(".comment");
    slot.innerHTML = "";
    var link = article && article.querySelector(".comment-actions a");
    if (link) link.focus();
  });

  // A reaction button is replaced by the swap; put focus back on its replacement.
  var refocus = null;
  document.addEventListener("htmx:beforeRequest", function () {
    var active = document.activeElement;
    var article = active && active.closest ? active.closest(".comment") : null;
    refocus = active && article && active.matches(".reactions button")
      ? "#" + article.id + " .reactions button[value='" + active.value + "']"
      : null;
  });
  document.addEventListener("htmx:afterSettle", function () {
    if (!refocus) return;
    var button = document.querySelector(refocus);
    refocus = null;
    if (button) button.focus();
  });

  // Anonymous story pages are the same for every reader (a CDN may serve them), so their POST
  // forms carry an empty CSRF field: fetch a token (and its cookie) when one is submitted,
  // then submit it again, through htmx where the form uses it.
  var tokenUrl = "/live/csrf-token/";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var field = form.querySelector && form.querySelector("input[name=csrfmiddlewaretoken]");
    if (!field || field.value || !window.fetch) return;
    event.preventDefault();
    event.stopImmediatePropagation(); // htmx sees the submission once the token is in
    var submitter = event.submitter || null;
    fetch(tokenUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        document.querySelectorAll("input[name=csrfmiddlewaretoken]").forEach(function (input) {
          if (!input.value) input.value = data.token;
        });
        document.body.setAttribute("hx-headers", JSON.stringify({ "X-CSRFToken": data.token }));
        if (form.requestSubmit) form.requestSubmit(submitter);
        else form.submit();
      });
  }, true);
})();
