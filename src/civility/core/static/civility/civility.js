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
})();
