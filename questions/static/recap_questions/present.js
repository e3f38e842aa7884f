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
    state.top.forEach(function (question) {
      var item = el("li");
      // No "0" badge: a question nobody voted for yet keeps only its place.
      if (question.votes) {
        item.appendChild(el("span", "recap-present__votes", String(question.votes)));
      } else {
        var place = el("span", "recap-present__votes recap-present__votes--none");
        place.setAttribute("aria-hidden", "true");
        item.appendChild(place);
      }
      item.appendChild(document.createTextNode(" "));
      item.appendChild(el("span", "recap-present__text", question.text));
      top.appendChild(item);
    });
    // The empty states are paragraphs beside the lists (no bullet); the
    // server wrote their text, in the page's language.
    var topEmpty = root.querySelector("[data-recap-top-empty]");
    if (topEmpty) topEmpty.hidden = state.top.length > 0;
    var answered = root.querySelector("[data-recap-answered]");
    answered.replaceChildren();
    state.answered.forEach(function (question) {
      var item = el("li");
      item.appendChild(el("span", "recap-present__text", question.text));
      if (question.answered_in) {
        item.appendChild(document.createTextNode(" — " + root.getAttribute("data-answered-in") + " "));
        var link = el("a", "", question.answered_in.title);
        link.href = question.answered_in.url;
        item.appendChild(link);
      }
      answered.appendChild(item);
    });
    var answeredEmpty = root.querySelector("[data-recap-answered-empty]");
    if (answeredEmpty) answeredEmpty.hidden = state.answered.length > 0;
    // Questions close when the session ends: the code to scan gives way to a notice.
    var open = root.querySelector("[data-recap-open]");
    var closed = root.querySelector("[data-recap-closed]");
    if (open) open.hidden = Boolean(state.closed);
    if (closed) closed.hidden = !state.closed;
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
