// Present mode: poll the JSON state with If-None-Match and redraw only what
// changed, so the room's screen never reloads or flickers.
(function () {
  "use strict";
  var root = document.querySelector("[data-recap-present]");
  if (!root || !window.fetch) return;
  var url = root.getAttribute("data-url");
  var etag = null;
  var INTERVAL = 5000;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function asker(question) {
    return [question.name, question.organisation].filter(Boolean).join(", ");
  }

  function render(state) {
    var highlighted = root.querySelector("[data-recap-highlighted]");
    highlighted.replaceChildren();
    if (state.highlighted) {
      var quote = el("blockquote", "recap-present__highlighted");
      quote.appendChild(el("p", "", state.highlighted.text));
      if (asker(state.highlighted)) quote.appendChild(el("footer", "", asker(state.highlighted)));
      highlighted.appendChild(quote);
    }
    var top = root.querySelector("[data-recap-top]");
    top.replaceChildren();
    if (!state.top.length) {
      top.appendChild(el("li", "recap-present__empty", "No questions yet. Scan the code to ask one."));
    }
    state.top.forEach(function (question) {
      var item = el("li");
      item.appendChild(el("span", "recap-present__votes", String(question.votes)));
      item.appendChild(document.createTextNode(" "));
      item.appendChild(el("span", "recap-present__text", question.text));
      top.appendChild(item);
    });
    var answered = root.querySelector("[data-recap-answered]");
    answered.replaceChildren();
    if (!state.answered.length) answered.appendChild(el("li", "recap-present__empty", "None yet."));
    state.answered.forEach(function (question) {
      var item = el("li");
      item.appendChild(el("span", "recap-present__text", question.text));
      if (question.answered_in) {
        item.appendChild(document.createTextNode(" — answered in "));
        var link = el("a", "", question.answered_in.title);
        link.href = question.answered_in.url;
        item.appendChild(link);
      }
      answered.appendChild(item);
    });
  }

  function poll() {
    var headers = { Accept: "application/json" };
    if (etag) headers["If-None-Match"] = etag;
    fetch(url, { headers: headers, cache: "no-cache", credentials: "same-origin" })
      .then(function (response) {
        if (response.status === 304) return null;
        if (!response.ok) return null;
        etag = response.headers.get("ETag");
        return response.json();
      })
      .then(function (state) { if (state) render(state); })
      .catch(function () { /* keep showing the last state; try again later */ })
      .finally(function () { window.setTimeout(poll, INTERVAL); });
  }
  window.setTimeout(poll, INTERVAL);

  var fullscreen = root.querySelector("[data-recap-fullscreen]");
  if (fullscreen && document.documentElement.requestFullscreen) {
    fullscreen.hidden = false;
    fullscreen.addEventListener("click", function () {
      document.documentElement.requestFullscreen();
    });
    document.addEventListener("fullscreenchange", function () {
      fullscreen.hidden = Boolean(document.fullscreenElement);
    });
  }
})();
