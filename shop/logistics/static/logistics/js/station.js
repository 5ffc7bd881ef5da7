/* Packing station, progressive enhancement only: every button already works without it.
   A button marked data-once is disabled after the first press, so a double tap on the
   tablet sends one step, not two; a short vibration confirms the press where supported. */
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var button = event.submitter;
    if (!button || !button.hasAttribute("data-once")) { return; }
    if (button.dataset.sent === "1") { event.preventDefault(); return; }
    button.dataset.sent = "1";
    // Disabled after submission, so the button's own name/value is still sent.
    window.setTimeout(function () { button.disabled = true; }, 0);
    if (navigator.vibrate) { navigator.vibrate(30); }
  });
  // The main action of a screen gets the focus, so Enter or Space acts at once from the keyboard.
  document.addEventListener("DOMContentLoaded", function () {
    var first = document.querySelector(".station-main .station-button");
    if (first && !document.querySelector(".station-message-error")) { first.focus({ preventScroll: true }); }
  });
}());
