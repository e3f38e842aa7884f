// The "Copy link" button of share links: hidden without JavaScript or a
// clipboard, shown and wired up here (progressive enhancement). What it says
// comes translated from the template (data-copied-message, data-failed-message).
(function () {
    "use strict";
    if (!navigator.clipboard || !window.isSecureContext) {
        return;
    }
    document.querySelectorAll("[data-copy-link]").forEach(function (button) {
        if (button.dataset.copyReady) {
            return;
        }
        button.dataset.copyReady = "1";
        var item = button.closest(".share-links__copy");
        var status = item ? item.querySelector(".share-links__status") : null;
        if (item) {
            item.hidden = false;
        }
        button.addEventListener("click", function () {
            navigator.clipboard.writeText(button.getAttribute("data-copy-link")).then(
                function () {
                    if (status) {
                        status.textContent = button.dataset.copiedMessage || "Link copied.";
                    }
                },
                function () {
                    if (status) {
                        status.textContent =
                            button.dataset.failedMessage ||
                            "Could not copy; copy the address bar instead.";
                    }
                }
            );
        });
    });
})();
