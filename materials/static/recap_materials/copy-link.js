// "Copy" next to each speaker link: shown only where the clipboard works;
// without JavaScript the link is in a read-only field to select and copy.
(function () {
  "use strict";
  if (!navigator.clipboard) return;
  document.querySelectorAll(".recap-copy-link").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var field = document.getElementById(button.dataset.copyTarget);
      field.select();
      navigator.clipboard.writeText(field.value).then(function () {
        button.textContent = button.dataset.copiedLabel;
      });
    });
  });
})();
