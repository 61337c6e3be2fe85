// Keyboard shortcuts for the moderators' queue. Progressive enhancement: every action is a
// plain form that works without this file; with it, j/k move between cards and a/r/f act on
// the current one (htmx, when loaded, turns the form posts into in-place swaps).
(function () {
  "use strict";

  var current = null; // the card element with focus
  var currentIndex = -1;

  function cards() {
    return Array.prototype.slice.call(document.querySelectorAll("[data-card]"));
  }

  function focusCard(index) {
    var list = cards();
    if (!list.length) { current = null; currentIndex = -1; return; }
    index = Math.max(0, Math.min(index, list.length - 1));
    if (current) current.classList.remove("is-current");
    current = list[index];
    currentIndex = index;
    current.classList.add("is-current");
    current.focus({ preventScroll: true });
    current.scrollIntoView({ block: "nearest" });
  }

  function currentCard() {
    if (current && document.contains(current)) return current;
    // The card was swapped (re-rendered) or taken out: pick the same place in the list.
    var list = cards();
    if (current && current.id) {
      var again = document.getElementById(current.id);
      if (again && again.hasAttribute("data-card")) { focusCard(list.indexOf(again)); return current; }
    }
    if (currentIndex >= 0 && list.length) { focusCard(currentIndex); return current; }
    return null;
  }

  function submit(form) {
    if (!form) return;
    if (form.requestSubmit) form.requestSubmit(); else form.submit();
  }

  function isTyping(target) {
    if (!target) return false;
    if (target.isContentEditable) return true;
    var tag = target.tagName;
    if (tag === "TEXTAREA") return true;
    if (tag === "INPUT") {
      var type = (target.type || "text").toLowerCase();
      return ["checkbox", "radio", "button", "submit", "reset"].indexOf(type) === -1;
    }
    return false;
  }

  function toggleHelp() {
    var dialog = document.getElementById("queue-help");
    if (!dialog) return;
    if (dialog.open) dialog.close(); else if (dialog.showModal) dialog.showModal();
  }

  function onKey(event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    if (isTyping(event.target)) return;
    var help = document.getElementById("queue-help");
    if (help && help.open && event.key !== "?") return;
    var key = event.key;
    var card;
    switch (key) {
      case "j":
        card = currentCard();
        focusCard(card ? currentIndex + 1 : 0);
        break;
      case "k":
        card = currentCard();
        focusCard(card ? currentIndex - 1 : 0);
        break;
      case "a":
        card = currentCard();
        if (!card) return;
        submit(card.querySelector('form[data-action="approve"]'));
        break;
      case "r": {
        card = currentCard();
        if (!card) return;
        var panel = card.querySelector('[data-action="reject-panel"]');
        var form = card.querySelector('form[data-action="reject"]');
        if (!panel || !form) return;
        if (panel.open && panel.contains(document.activeElement)) { submit(form); break; }
        panel.open = true;
        form.querySelector('button[type="submit"]').focus();
        break;
      }
      case "f":
        card = currentCard();
        if (!card) return;
        submit(card.querySelector('form[data-action="feature"]'));
        break;
      case "x":
        card = currentCard();
        if (!card) return;
        var box = card.querySelector(".qcard-select");
        if (box) box.checked = !box.checked;
        break;
      case "?":
        toggleHelp();
        break;
      default:
        return;
    }
    event.preventDefault();
  }

  document.addEventListener("keydown", onKey);
  // Tells tests (and anyone curious) that the shortcuts are live.
  document.documentElement.setAttribute("data-queue-keys", "ready");
  // Clicking into a card makes it the current one, so the keys act where the moderator looks.
  document.addEventListener("focusin", function (event) {
    var card = event.target.closest && event.target.closest("[data-card]");
    if (card && card !== current) {
      if (current) current.classList.remove("is-current");
      current = card;
      currentIndex = cards().indexOf(card);
      card.classList.add("is-current");
    }
  });
  // After htmx swaps a card out, move to the card now in its place.
  document.addEventListener("htmx:afterSettle", function () {
    if (current && !document.contains(current)) currentCard();
  });
})();
