/* The reader's own stars on a page every reader shares (the event page).
 *
 * The page's HTML is the same for everyone, every star unstarred, so that it
 * can be cached whole. When this browser has starred something (the
 * recap_agenda_count cookie says how many), this asks starred.json, a small
 * private answer, which sessions they are, marks their stars and fills in the
 * header's "My agenda (n)". A star pressed is posted here, without leaving the
 * page; if that fails, the form is sent as it would be without JavaScript.
 */
(function () {
    "use strict";

    var form = document.getElementById("agenda-star");
    if (!form || !window.fetch) {
        return;
    }
    var BUTTONS = 'button[form="agenda-star"][value]';

    function starredCount() {
        var match = document.cookie.match(/(?:^|;\s*)recap_agenda_count=(\d+)/);
        return match ? parseInt(match[1], 10) : 0;
    }

    function setButton(button, starred) {
        button.name = starred ? "unstar" : "star";
        button.setAttribute("aria-pressed", starred ? "true" : "false");
        button.textContent = starred ? form.dataset.labelUnstar : form.dataset.labelStar;
    }

    function hidden(text) {
        var span = document.createElement("span");
        span.className = "visually-hidden";
        span.textContent = text;
        return span;
    }

    function setHeader(count, label) {
        var link = document.querySelector("[data-agenda-link]");
        if (!link) {
            return;
        }
        var slot = link.querySelector(".site-header__agenda-count");
        slot.textContent = "";
        if (!count) {
            link.hidden = true;
            return;
        }
        slot.appendChild(hidden("("));
        slot.appendChild(document.createTextNode(String(count)));
        slot.appendChild(hidden(" " + label + ")"));
        link.hidden = false;
    }

    function confirm(button, answer) {
        // One confirmation at a time: the latest.
        document.querySelectorAll(".agenda-star__confirmation").forEach(function (old) {
            old.remove();
        });
        var note = document.createElement("span");
        note.className = "agenda-star__confirmation";
        note.setAttribute("role", "status");
        note.appendChild(document.createTextNode(answer.message + " "));
        var link = document.createElement("a");
        link.href = answer.agenda_url;
        link.textContent = answer.agenda_label;
        note.appendChild(link);
        button.insertAdjacentElement("afterend", note);
    }

    function json(response) {
        if (!response.ok) {
            throw new Error(response.status);
        }
        return response.json();
    }

    if (starredCount() > 0) {
        fetch(form.dataset.starredUrl, {
            credentials: "same-origin",
            headers: { Accept: "application/json" },
        })
            .then(json)
            .then(function (answer) {
                document.querySelectorAll(BUTTONS).forEach(function (button) {
                    setButton(button, answer.sessions.indexOf(parseInt(button.value, 10)) !== -1);
                });
                setHeader(answer.count, answer.count_label);
            })
            .catch(function () {});
    }

    document.addEventListener("click", function (event) {
        var button = event.target.closest(BUTTONS);
        if (!button) {
            return;
        }
        event.preventDefault();
        var data = new FormData(form);
        data.append(button.name, button.value);
        fetch(form.action, {
            method: "POST",
            body: data,
            credentials: "same-origin",
            headers: { Accept: "application/json" },
        })
            .then(json)
            .then(function (answer) {
                setButton(button, answer.starred);
                setHeader(answer.count, answer.count_label);
                confirm(button, answer);
            })
            .catch(function () {
                form.requestSubmit(button); // as without JavaScript
            });
    });
})();
