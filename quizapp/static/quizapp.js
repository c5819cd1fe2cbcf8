// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // A second click on a submit button while the first request is in flight does nothing.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.dataset.sending === "yes") {
      event.preventDefault();
      return;
    }
    form.dataset.sending = "yes";
  });
  // Bring an error message, or a highlighted passage, into view and to the reader's attention.
  var focusTarget = document.querySelector("[role=alert], .inline-feedback");
  if (focusTarget && focusTarget.focus) {
    if (!focusTarget.hasAttribute("tabindex")) { focusTarget.setAttribute("tabindex", "-1"); }
    focusTarget.focus();
  }
})();
