// Suggestions for search boxes, as a <datalist> the browser shows natively.
// Progressive enhancement: without this script the box is a plain search
// form. Applies to every input[type=search][data-autocomplete-url].
(function () {
    "use strict";

    function enhance(input, index) {
        var url = input.getAttribute("data-autocomplete-url");
        // Once per box: the page and the site's layout may both load this file.
        if (!url || !window.fetch || input.hasAttribute("list")) {
            return;
        }
        var list = document.createElement("datalist");
        list.id = "search-suggestions-" + index;
        input.setAttribute("list", list.id);
        input.insertAdjacentElement("afterend", list);
        var timer = null;
        var lastQuery = "";

        input.addEventListener("input", function () {
            window.clearTimeout(timer);
            timer = window.setTimeout(function () {
                var query = input.value.trim();
                if (query.length < 2 || query === lastQuery) {
                    return;
                }
                lastQuery = query;
                fetch(url + "?q=" + encodeURIComponent(query), {
                    headers: { Accept: "application/json" },
                })
                    .then(function (response) {
                        return response.ok ? response.json() : { results: [] };
                    })
                    .then(function (data) {
                        list.textContent = "";
                        (data.results || []).forEach(function (suggestion) {
                            var option = document.createElement("option");
                            option.value = suggestion.title;
                            option.label = suggestion.type;
                            list.appendChild(option);
                        });
                    })
                    .catch(function () {
                        // Suggestions are optional; the form still works.
                    });
            }, 200);
        });
    }

    document.querySelectorAll("input[type=search][data-autocomplete-url]").forEach(enhance);
})();
