/* tertulia.js: small enhancements. Every page works without it. */
(function () {
  "use strict";
  // A form submitted once is not submitted again by a second click: the
  // server refuses duplicates too, but this spares people the error.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.dataset.submitted === "1") {
      event.preventDefault();
      return;
    }
    if ((form.method || "").toLowerCase() === "post") {
      form.dataset.submitted = "1";
      window.setTimeout(function () { form.dataset.submitted = ""; }, 5000);
    }
  });
})();

(function () {
  "use strict";
  // Forms that destroy something ask first (data-confirm holds the question).
  document.addEventListener("submit", function (event) {
    var question = event.target.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);
})();
