// Progressive enhancement for the ask/respond forms and vote buttons:
// without JavaScript they post and redirect back; with it they post with
// fetch and update the page in place. Text is always set with textContent,
// except a question's list item, rendered (and escaped) by the server.
(function () {
  "use strict";
  if (window.recapQuestionsReady) return;
  window.recapQuestionsReady = true;

  var MIN = 10;
  var MAX = 500;

  // Why a send failed: the network (offline, or the answer was lost on the
  // way) or an answer that is not the JSON the forms speak (a proxy's page).
  function Offline() {}
  function NotJson() {}

  function post(form) {
    return fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json", "X-Requested-With": "fetch" },
      credentials: "same-origin",
    }).then(function (response) {
      return response.json().then(function (data) {
        data.httpStatus = response.status;
        return data;
      }, function () { throw new NotJson(); });
    }, function () { throw new Offline(); });
  }

  // A question shown at once goes into the public list, as the server
  // renders it (escaped by the same template as the page's own items), first,
  // where the delegate sees it; the "no questions yet" line gives way to it.
  function showPublic(form, html) {
    var section = form.closest("section");
    if (!section) return false;
    var list = section.querySelector("[data-recap-question-list]");
    if (!list) {
      var empty = section.querySelector("[data-recap-no-questions]");
      if (!empty) return false;
      list = document.createElement("ol");
      list.className = "recap-question-list";
      list.setAttribute("data-recap-question-list", "");
      empty.replaceWith(list);
    }
    var template = document.createElement("template");
    template.innerHTML = html.trim();
    var item = template.content.firstElementChild;
    if (!item) return false;
    list.insertBefore(item, list.firstElementChild);
    var vote = item.querySelector("form[data-recap-vote]");
    if (vote) setupVote(vote);
    return true;
  }

  // Show the question just sent, as the page would after a reload.
  function showOwn(form, question) {
    if (question.html && showPublic(form, question.html)) return;
    var section = form.closest("section");
    var list = section && section.querySelector("[data-recap-own-list]");
    if (!list && question.status === "pending") {
      list = document.createElement("ul");
      list.className = "recap-question-list";
      list.setAttribute("data-recap-own-list", "");
      var note = document.createElement("p");
      // The server wrote the text, in the page's language.
      note.textContent = form.getAttribute("data-waiting");
      // Where the lists are refreshed, in their place (the next refresh
      // brings the server's own version of it); else under the form.
      var live = section && section.querySelector("[data-recap-live]");
      if (live) {
        live.insertBefore(list, live.firstChild);
        live.insertBefore(note, list);
      } else {
        form.insertAdjacentElement("afterend", note);
        note.insertAdjacentElement("afterend", list);
      }
    }
    if (!list) return;
    var item = document.createElement("li");
    item.className = "recap-question";
    var quote = document.createElement("blockquote");
    quote.className = "recap-question__text";
    quote.textContent = question.text;
    item.appendChild(quote);
    list.appendChild(item);
  }

  // Never wait longer than this for the minimum fill time (the server says
  // how long; a few seconds).
  var WAIT_MAX = 60;
  // While offline, try again this often even if the browser never says the
  // connection is back (its "online" event is only a hint).
  var RETRY_OFFLINE = 15000;

  function setupAsk(form) {
    var text = form.querySelector("[data-recap-text]");
    var count = form.querySelector("[data-recap-count]");
    var status = form.querySelector("[data-recap-status]");
    var outcome = form.querySelector("[data-recap-outcome]") || status;
    var button = form.querySelector("button[type=submit]");
    // One send at a time: in flight, waiting out the minimum fill time or
    // waiting for the network. The same form (same submission token) is
    // sent again afterwards, so the server stores it once whatever happened.
    var busy = false;
    var offline = false;
    var retry = null;

    if (text && count) {
      var update = function () {
        var length = text.value.trim().length;
        count.hidden = false;
        // The formats come from the template, in the page's language.
        var format = length > MAX ? "data-format-long"
          : length > 0 && length < MIN ? "data-format-short" : "data-format";
        count.textContent = (count.getAttribute(format) || "")
          .replace("{length}", String(length)).replace("{max}", String(MAX));
      };
      text.addEventListener("input", update);
    }

    // Every outcome is told next to Send: what the server wrote when the
    // page was rendered, and what the script learnt since, goes first.
    function clearOutcome() {
      // Emptied first: the next message is announced, even the same again.
      status.textContent = "";
      Array.prototype.slice.call(outcome.children).forEach(function (node) {
        if (node !== status) node.remove();
      });
      form.querySelectorAll(".recap-js-error").forEach(function (node) { node.remove(); });
      form.querySelectorAll("[aria-invalid=true]").forEach(function (field) {
        field.removeAttribute("aria-invalid");
      });
    }

    // Written into the live region (announced); a refusal also takes the
    // focus, as GOV.UK moves it to its error summary, which brings it into
    // view next to Send.
    function tell(message, refused) {
      status.textContent = message || "";
      outcome.classList.toggle("recap-question-form__outcome--refused", Boolean(refused));
      if (refused) {
        outcome.focus();
      } else if (outcome.scrollIntoView) {
        outcome.scrollIntoView({ block: "nearest" });
      }
    }

    function setFields(fields) {
      form.querySelector("[name=started]").value = fields.started;
      form.querySelector("[name=submission_token]").value = fields.submission_token;
    }

    function showErrors(errors) {
      var list = document.createElement("ul");
      list.className = "recap-js-error recap-question-form__error-list";
      Object.keys(errors).forEach(function (name) {
        var message = errors[name].join(" ");
        var item = document.createElement("li");
        var field = form.querySelector("[name=" + name + "]");
        if (field && field.id) {
          var error = document.createElement("p");
          error.className = "recap-js-error errorlist";
          error.id = field.id + "-js-error";
          error.textContent = message;
          field.setAttribute("aria-describedby", error.id);
          field.setAttribute("aria-invalid", "true");
          field.insertAdjacentElement("afterend", error);
          // GOV.UK's error summary: each error links to its field.
          var link = document.createElement("a");
          link.href = "#" + field.id;
          link.textContent = message;
          item.appendChild(link);
        } else {
          item.textContent = message;
        }
        list.appendChild(item);
      });
      if (list.children.length) outcome.appendChild(list);
    }

    function done() {
      busy = false;
      if (button) button.disabled = false;
    }

    function answered(data) {
      if (data.wait && data.form) {
        // Sent quicker than a person types: the server says how long to
        // wait; the page waits, says so, and sends it by itself.
        setFields(data.form);
        tell(data.waiting_message || data.message, false);
        window.setTimeout(send, Math.min(data.wait, WAIT_MAX) * 1000 + 200);
        return;
      }
      done();
      if (data.ok) form.reset();
      // A new token after a success, and after "already sent" or "opened
      // too long ago": the text kept in the form then goes as a new one.
      if (data.form) setFields(data.form);
      if (data.ok) {
        if (count) count.hidden = true;
        if (data.question) showOwn(form, data.question);
        tell(data.message, false);
      } else {
        if (data.errors) showErrors(data.errors);
        tell(data.message, true);
      }
    }

    // No network: the text stays in the form, the page says so, and the
    // form goes when the connection returns (the browser's "online" event,
    // or the next try), once.
    function waitForNetwork() {
      if (!offline) {
        offline = true;
        tell(form.getAttribute("data-offline"), false);
        window.addEventListener("online", backOnline);
      }
      window.clearTimeout(retry);
      retry = window.setTimeout(backOnline, RETRY_OFFLINE);
    }

    function backOnline() {
      if (!offline) return;
      window.clearTimeout(retry);
      if (navigator.onLine === false) {
        retry = window.setTimeout(backOnline, RETRY_OFFLINE);
        return;
      }
      offline = false;
      window.removeEventListener("online", backOnline);
      tell(form.getAttribute("data-resending"), false);
      send();
    }

    function send() {
      busy = true;
      if (button) button.disabled = true;
      if (navigator.onLine === false) {
        waitForNetwork();
        return;
      }
      post(form).then(answered, function (error) {
        if (error instanceof Offline) {
          waitForNetwork();
        } else {
          // Not an answer the form understands: an ordinary post instead.
          done();
          form.submit();
        }
      });
    }

    form.addEventListener("submit", function (event) {
      if (!window.fetch || !window.FormData) return;
      event.preventDefault();
      if (busy) return;
      clearOutcome();
      send();
    });
  }

  function setupVote(form) {
    form.addEventListener("submit", function (event) {
      if (!window.fetch || !window.FormData) return;
      event.preventDefault();
      var button = form.querySelector("button[type=submit]");
      if (button) button.disabled = true;
      var status = form.querySelector("[data-recap-vote-status]");
      post(form).then(function (data) {
        if (data.ok) {
          // The server words the count ("1 vote", "2 votes"), in the page's language.
          var votes = form.querySelector("[data-recap-votes]");
          if (votes) votes.textContent = String(data.votes);
          var word = form.querySelector("[data-recap-votes-word]");
          if (word && data.votes_word) word.textContent = data.votes_word;
          if (button) button.textContent = form.getAttribute("data-voted");
        } else {
          if (status) status.textContent = data.message || "";
          // Closed, or this browser is not recognised: another click would not count either.
          if (button) button.disabled = data.httpStatus === 403;
        }
      }).catch(function () { form.submit(); });
    });
  }

  // A browser shown its id in the page's forms keeps it as its cookie at
  // once, so that its next page views do not count as new browsers.
  function keepBrowser() {
    var section = document.querySelector("[data-recap-browser-url]");
    if (!section || !window.fetch || !window.FormData) return;
    var browser = section.querySelector("input[name=browser]");
    var csrf = section.querySelector("input[name=csrfmiddlewaretoken]");
    if (!browser || !browser.value || !csrf) return;
    var body = new FormData();
    body.append("browser", browser.value);
    body.append("csrfmiddlewaretoken", csrf.value);
    fetch(section.getAttribute("data-recap-browser-url"), {
      method: "POST",
      body: body,
      headers: { "X-Requested-With": "fetch" },
      credentials: "same-origin",
    }).catch(function () { /* the first post sets it instead */ });
  }

  // The session's lists refresh themselves, as present mode does: a
  // conditional request with the ETag of the last answer, answered 304 from
  // the session's question version while nothing changed. The server renders
  // the lists with the page's own templates; they replace the page's.
  var REFRESH_EVERY = 5000;

  function setupRefresh() {
    var section = document.querySelector("[data-recap-refresh-url]");
    var live = section && section.querySelector("[data-recap-live]");
    if (!live || !window.fetch) return;
    var url = section.getAttribute("data-recap-refresh-url");
    var etag = null;
    var timer = null;
    var polling = false;

    function schedule() {
      window.clearTimeout(timer);
      timer = window.setTimeout(poll, REFRESH_EVERY);
    }

    // Focus inside the lists (a vote button just tapped) stays on the same
    // question's control after the lists are replaced.
    function focusedControl() {
      var active = document.activeElement;
      if (!active || !live.contains(active)) return null;
      var item = active.closest("[id]");
      if (!item || !live.contains(item)) return null;
      return { id: item.id, tag: active.tagName, name: active.getAttribute("type") };
    }

    function refocus(focused) {
      if (!focused) return;
      var item = document.getElementById(focused.id);
      if (!item) return;
      var selector = focused.name ? focused.tag + "[type=" + focused.name + "]" : focused.tag;
      var control = item.querySelector(selector);
      if (!control || control.disabled) {
        // Nothing to press any more (voted, or closed): focus stays on the question.
        control = item;
        if (!item.hasAttribute("tabindex")) item.setAttribute("tabindex", "-1");
      }
      control.focus({ preventScroll: true });
    }

    function apply(html) {
      var focused = focusedControl();
      var template = document.createElement("template");
      template.innerHTML = html;
      // A browser that had no id when the page was shown votes with the
      // page's (the refresh never issues one).
      var browser = section.querySelector("input[name=browser]");
      if (browser && browser.value) {
        template.content.querySelectorAll("form[data-recap-vote]").forEach(function (vote) {
          if (vote.querySelector("input[name=browser]")) return;
          var input = document.createElement("input");
          input.type = "hidden";
          input.name = "browser";
          input.value = browser.value;
          vote.appendChild(input);
        });
      }
      live.replaceChildren(template.content);
      live.querySelectorAll("form[data-recap-vote]").forEach(setupVote);
      refocus(focused);
    }

    function poll() {
      // A phone in a pocket does not poll; it catches up when shown again.
      if (document.hidden || polling) return;
      polling = true;
      var headers = { Accept: "text/html" };
      if (etag) headers["If-None-Match"] = etag;
      fetch(url, { headers: headers, cache: "no-cache", credentials: "same-origin" })
        .then(function (response) {
          if (response.status === 304 || !response.ok) return null;
          var tag = response.headers.get("ETag");
          return response.text().then(function (html) {
            apply(html);
            etag = tag;
          });
        })
        .catch(function () { /* keep the lists shown; try again later */ })
        .finally(function () {
          polling = false;
          schedule();
        });
    }

    document.addEventListener("visibilitychange", function () {
      if (!document.hidden) poll();
    });
    schedule();
  }

  function init() {
    keepBrowser();
    setupRefresh();
    document.querySelectorAll("form[data-recap-ask]").forEach(setupAsk);
    document.querySelectorAll("form[data-recap-vote]").forEach(setupVote);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
