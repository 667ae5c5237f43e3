/* Wuye page behaviour. No inline scripts anywhere (CSP): everything hangs off data attributes. */
(function () {
  "use strict";

  // Selects that submit their form when changed (community and language switchers).
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el && el.matches && el.matches("select[data-autosubmit]") && el.form) {
      el.form.requestSubmit ? el.form.requestSubmit() : el.form.submit();
    }
  });

  // Forms that need a confirmation first (revoke, delete…).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form && form.dataset && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
    }
  }, true);

  // Toast messages: Alpine component, auto-hidden after a few seconds.
  document.addEventListener("alpine:init", function () {
    window.Alpine.data("toast", function () {
      return {
        open: true,
        init: function () {
          var self = this;
          window.setTimeout(function () { self.open = false; }, 6000);
        },
        close: function () { this.open = false; }
      };
    });
  });
})();

/* Submit buttons marked data-once are disabled after the first click (the server's
   idempotency key makes a second submission harmless anyway). */
document.addEventListener("submit", function (event) {
  var button = event.target && event.target.querySelector && event.target.querySelector("[data-once]");
  if (button && !event.defaultPrevented) {
    window.setTimeout(function () { button.disabled = true; }, 0);
  }
});

/* Buttons marked data-fill="#field" put their data-value into that field (the hotline intake:
   a click on one of the caller's units fills the unit and the caller's name). */
document.addEventListener("click", function (event) {
  var button = event.target.closest && event.target.closest("[data-fill]");
  if (!button) { return; }
  button.getAttribute("data-fill").split(",").forEach(function (pair) {
    var parts = pair.split("=");
    var field = document.querySelector(parts[0]);
    if (field) { field.value = button.getAttribute("data-" + parts[1]) || ""; }
  });
});
