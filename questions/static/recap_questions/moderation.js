// The moderation queue: new questions appear without a reload, and the
// focused row can be approved or rejected from the keyboard.
//
// Every few seconds the queue's version (count and latest change) is polled;
// when it changes, the page's own URL (same filters, search and page) is
// fetched and its list replaces this one. Not while the moderator has ticked
// rows or is typing: then a notice offers to show the latest instead.
(function () {
  "use strict";
  var live = document.querySelector("[data-recap-queue]");
  var results = document.querySelector("[data-recap-queue-results]");
  if (!live || !results || !window.fetch) return;
  var INTERVAL = 8000;
  var version = live.getAttribute("data-version");
  var notice = live.querySelector("[data-recap-queue-notice]");
  var keys = live.querySelector("[data-recap-queue-keys]");
  if (keys) keys.hidden = false;

  function rows() {
    return Array.prototype.slice.call(results.querySelectorAll("tr[data-recap-question]"));
  }

  function prepareRows() {
    rows().forEach(function (row) { row.tabIndex = 0; });
  }

  function busy() {
    var active = document.activeElement;
    var typing = active && /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName) && active.type !== "checkbox";
    return typing || results.querySelector("input[name=ids]:checked") !== null;
  }

  function focusedRow() {
    var active = document.activeElement;
    return active && active.closest ? active.closest("tr[data-recap-question]") : null;
  }

  function refresh() {
    var focusedId = focusedRow() && focusedRow().getAttribute("data-recap-question");
    return fetch(window.location.href, { credentials: "same-origin", cache: "no-cache" })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (!html) return;
        var page = new DOMParser().parseFromString(html, "text/html");
        var fresh = page.querySelector("[data-recap-queue-results]");
        if (!fresh) return;
        results.replaceChildren.apply(results, Array.prototype.slice.call(fresh.childNodes));
        prepareRows();
        if (notice) notice.hidden = true;
        if (focusedId) {
          var row = results.querySelector('tr[data-recap-question="' + focusedId + '"]');
          if (row) row.focus();
        }
      });
  }

  function poll() {
    fetch(live.getAttribute("data-url"), {
      headers: { Accept: "application/json" }, credentials: "same-origin", cache: "no-store"
    })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (state) {
        if (!state || state.version === version) return;
        if (busy()) {
          if (notice) notice.hidden = false;
          return;
        }
        version = state.version;
        return refresh();
      })
      .catch(function () { /* try again at the next tick */ })
      .finally(function () { window.setTimeout(poll, INTERVAL); });
  }
  window.setTimeout(poll, INTERVAL);

  function move(step) {
    var all = rows();
    if (!all.length) return;
    var index = all.indexOf(focusedRow());
    var next = all[Math.min(all.length - 1, Math.max(0, index < 0 ? 0 : index + step))];
    next.focus();
  }

  // The keys act in place: the action is posted in the background, the
  // list fetched again, and focus goes to the row that took this one's
  // place (the next question), so the moderator never loses their place.
  // Without fetch, or if the post fails, the button submits as usual.
  var form = document.getElementById("recap-moderation-form");
  var said = live.querySelector("[data-recap-queue-said]");

  function act(row, action) {
    var button = row.querySelector('button[data-recap-action="' + action + '"]');
    if (!button) return;
    if (!form) { button.click(); return; }
    var index = rows().indexOf(row);
    var data = new FormData(form);
    data.delete("action");
    data.set("single", button.value);
    // (form.action would be its field named "action", the bulk select.)
    fetch(form.getAttribute("action"), {
      method: "POST", body: data, credentials: "same-origin",
      headers: { Accept: "application/json" }
    })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(function (result) {
        if (said) said.textContent = result.message;
        return refresh().then(function () {
          var all = rows();
          if (all.length) all[Math.min(index, all.length - 1)].focus();
        });
      })
      .catch(function () { button.click(); });
  }

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var target = event.target;
    if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) && target.type !== "checkbox") return;
    if (target && target.isContentEditable) return;
    var row = focusedRow();
    switch (event.key) {
      case "j": move(1); break;
      case "k": move(-1); break;
      case "a": if (row) act(row, "approve"); else return; break;
      case "r": if (row) act(row, "reject"); else return; break;
      case "x":
        if (!row) return;
        var box = row.querySelector("input[name=ids]");
        if (box) box.checked = !box.checked;
        break;
      default: return;
    }
    event.preventDefault();
  });

  prepareRows();
})();
