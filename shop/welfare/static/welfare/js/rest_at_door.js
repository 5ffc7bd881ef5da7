/* The payment step's sentence "with X of welfare credit, Y is left to pay at delivery" follows
   the credit the buyer types, and a screen reader hears it (the sentence is aria-live). Money is
   counted in whole cents; an amount that is not a number of euros, or is over the maximum, leaves
   the sentence as it is: the server says what is wrong when the form is sent. */
(function () {
  "use strict";
  var sentence = document.getElementById("rest-at-door");
  var input = document.getElementById("id_credit");
  if (!sentence || !input || !sentence.dataset.totalCents) {
    return;
  }
  var total = parseInt(sentence.dataset.totalCents, 10);
  var maximum = parseInt(sentence.dataset.maximumCents, 10);
  var creditOut = sentence.querySelector("[data-credit]");
  var restOut = sentence.querySelector("[data-rest]");
  var euros = new Intl.NumberFormat(document.documentElement.lang || "it", {
    style: "currency",
    currency: "EUR"
  });

  function cents(text) {
    var match = /^\s*(\d{1,7})(?:[.,](\d{1,2}))?\s*$/.exec(text);
    if (!match) {
      return null;
    }
    var decimals = (match[2] || "").padEnd(2, "0");
    return parseInt(match[1], 10) * 100 + parseInt(decimals, 10);
  }

  input.addEventListener("input", function () {
    var credit = input.value.trim() === "" ? 0 : cents(input.value);
    if (credit === null || credit > maximum || credit > total) {
      return;
    }
    creditOut.textContent = euros.format(credit / 100);
    restOut.textContent = euros.format((total - credit) / 100);
  });
})();
