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
      });
    });
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
      form.insertAdjacentElement("afterend", note);
      note.insertAdjacentElement("afterend", list);
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

  function setupAsk(form) {
    var text = form.querySelector("[data-recap-text]");
    var count = form.querySelector("[data-recap-count]");
    var status = form.querySelector("[data-recap-status]");
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
    form.addEventListener("submit", function (event) {
      if (!window.fetch || !window.FormData) return;
      event.preventDefault();
      var button = form.querySelector("button[type=submit]");
      if (button) button.disabled = true;
      form.querySelectorAll(".recap-js-error").forEach(function (node) { node.remove(); });
      post(form).then(function (data) {
        status.textContent = data.message || "";
        if (data.ok) form.reset();
        // A new token after a success, and after "already sent" or "opened
        // too long ago": the text kept in the form then goes as a new one.
        if (data.form) {
          form.querySelector("[name=started]").value = data.form.started;
          form.querySelector("[name=submission_token]").value = data.form.submission_token;
        }
        if (data.ok) {
          if (count) count.hidden = true;
          if (data.question) showOwn(form, data.question);
        } else if (data.errors) {
          Object.keys(data.errors).forEach(function (name) {
            var field = form.querySelector("[name=" + name + "]");
            if (!field) return;
            var error = document.createElement("p");
            error.className = "recap-js-error errorlist";
            error.id = field.id + "-js-error";
            error.textContent = data.errors[name].join(" ");
            field.setAttribute("aria-describedby", error.id);
            field.setAttribute("aria-invalid", "true");
            field.insertAdjacentElement("afterend", error);
          });
          var first = form.querySelector("[aria-invalid=true]");
          if (first) first.focus();
        }
      }).catch(function () {
        // Network trouble: fall back to an ordinary post.
        form.submit();
      }).finally(function () {
        if (button) button.disabled = false;
      });
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

  function init() {
    keepBrowser();
    document.querySelectorAll("form[data-recap-ask]").forEach(setupAsk);
    document.querySelectorAll("form[data-recap-vote]").forEach(setupVote);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
