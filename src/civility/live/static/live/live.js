// "N new comments" on the story page: poll a cheap endpoint, insert the comments on a click.
// One request in flight at a time; slower while the tab is hidden; exponential backoff on errors.
(function () {
  "use strict";

  var MAX_BACKOFF = 600000; // ms: the longest wait after repeated errors

  function start() {
    var box = document.getElementById("live-updates");
    var list = document.getElementById("comment-list");
    if (!box || !list || !window.fetch || !window.URLSearchParams) return;
    var EVERY = parseInt(box.dataset.every, 10) || 15000; // ms between polls, tab visible
    var HIDDEN_EVERY = EVERY * 8; // ... and while the tab is hidden
    var bar = box.querySelector(".live-bar");
    var button = box.querySelector(".live-show");
    var status = box.querySelector(".live-status");
    var cursor = box.dataset.cursor;
    var version = "";
    var pending = [];
    var failures = 0;
    var busy = false;
    var stopped = false;
    var timer = null;
    var insertWanted = false;

    function onPage(id) {
      return document.getElementById("comment-" + id) !== null;
    }

    function nextDelay() {
      if (failures) return Math.min(EVERY * Math.pow(2, failures), MAX_BACKOFF);
      return document.visibilityState === "hidden" ? HIDDEN_EVERY : EVERY;
    }

    function schedule(delay) {
      clearTimeout(timer);
      if (!stopped) timer = setTimeout(poll, delay === undefined ? nextDelay() : delay);
    }

    function showCount() {
      pending = pending.filter(function (id) { return !onPage(id); });
      var n = pending.length;
      bar.hidden = n === 0;
      button.textContent = n === 1 ? "Show 1 new comment" : "Show " + n + " new comments";
    }

    function getJSON(url, params) {
      return fetch(url + "?" + new URLSearchParams(params).toString(), {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      }).then(function (response) {
        if (response.status >= 400 && response.status < 500 && response.status !== 429) {
          stopped = true; // the story is gone or the request is refused: asking again won't help
        }
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      });
    }

    // Runs one request at a time; a click waits for a poll in flight, and vice versa.
    function run(task) {
      if (busy) return false;
      busy = true;
      task()
        .then(function () { failures = 0; })
        .catch(function () { failures += 1; })
        .then(function () {
          busy = false;
          if (insertWanted) {
            insertWanted = false;
            run(insert);
          } else {
            schedule();
          }
        });
      return true;
    }

    function check() {
      return getJSON(box.dataset.sinceUrl, { after: cursor, v: version }).then(function (data) {
        version = data.v || "";
        if (data.changed) {
          pending = data.ids || [];
          showCount();
        }
      });
    }

    function poll() {
      if (!stopped) run(check);
    }

    function place(item) {
      var before = null;
      if (item.after === null) {
        if (box.dataset.page !== "1") return null; // first in the thread: page 1's top
        list.insertAdjacentHTML("afterbegin", item.html);
        return list.firstElementChild;
      }
      before = document.getElementById("comment-" + item.after);
      if (!before || before.parentElement !== list) return null; // it follows one on another page
      before.insertAdjacentHTML("afterend", item.html);
      return before.nextElementSibling;
    }

    function insert() {
      var params = { after: cursor, mode: box.dataset.mode, order: box.dataset.order };
      return getJSON(box.dataset.commentsUrl, params).then(function (data) {
        var placed = [];
        var elsewhere = 0;
        data.items.forEach(function (item) {
          if (onPage(item.id)) return;
          var element = place(item);
          if (element) {
            element.classList.add("is-live");
            if (window.htmx) window.htmx.process(element);
            if (item.counted) placed.push(element);
          } else if (item.counted) {
            elsewhere += 1;
          }
        });
        cursor = data.cursor;
        pending = [];
        showCount();
        var empty = document.querySelector("#comments .empty");
        if (empty && list.children.length) empty.remove();
        var message = placed.length === 1 ? "1 new comment shown." : placed.length + " new comments shown.";
        if (elsewhere) {
          message += " " + elsewhere + (elsewhere === 1 ? " is" : " are") + " on other pages of the thread.";
        }
        status.textContent = message;
        if (placed.length) {
          placed[0].setAttribute("tabindex", "-1");
          placed[0].focus({ preventScroll: false });
        }
      });
    }

    // The comment form's htmx answer puts the reader's new comment at the top of the list
    // whatever the order; move it to its place in the thread (it stays on top when its place
    // is on another page, so the author still sees it).
    function settle(element) {
      var id = parseInt(element.id.replace("comment-", ""), 10);
      var params = { after: cursor, mode: box.dataset.mode, order: box.dataset.order };
      return getJSON(box.dataset.commentsUrl, params).then(function (data) {
        data.items.forEach(function (item) {
          if (item.id !== id) return;
          if (item.after === null) {
            if (box.dataset.page === "1") list.insertBefore(element, list.firstElementChild);
            return;
          }
          var before = document.getElementById("comment-" + item.after);
          if (before && before !== element && before.parentElement === list) before.after(element);
        });
        element.scrollIntoView({ block: "nearest" });
        showCount();
      });
    }

    document.addEventListener("htmx:oobAfterSwap", function (event) {
      var target = event.detail && event.detail.target;
      if (target !== list) return;
      var element = list.querySelector(":scope > article.is-inserted:not([data-live-settled])");
      if (!element) return;
      element.setAttribute("data-live-settled", "");
      var attempt = function () {
        if (!run(function () { return settle(element); })) setTimeout(attempt, 250);
      };
      attempt();
    });

    button.addEventListener("click", function () {
      button.disabled = true;
      if (!run(function () {
        return insert().then(function () { button.disabled = false; }, function (error) {
          button.disabled = false;
          throw error;
        });
      })) {
        insertWanted = true; // after the poll in flight
        button.disabled = false;
      }
    });

    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible" && !busy && !failures) schedule(0);
      else if (!busy) schedule();
    });

    schedule();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
