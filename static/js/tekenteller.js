/* Character counter for free text with a maximum (ADR 0010). Progressive enhancement: without
   this script the page says "Hoogstens N tekens." and the browser's maxlength holds the limit.
   With it the same line counts down as one types; screen readers hear the count through a
   polite live region, only after a pause in typing. No inline script: the CSP forbids it. */
(function () {
  "use strict";

  function getal(n) {
    return n.toLocaleString("nl-NL");
  }

  function koppel(veld) {
    if (veld.dataset.tellerGekoppeld) return;
    var teller = document.getElementById(veld.id + "_teller");
    var max = parseInt(veld.getAttribute("maxlength"), 10);
    if (!teller || !max) return;
    veld.dataset.tellerGekoppeld = "1";
    var stem = document.createElement("span");
    stem.className = "rt-sr";
    stem.setAttribute("aria-live", "polite");
    teller.insertAdjacentElement("afterend", stem);
    var wacht = null;

    function tekst() {
      // Line breaks count as one character, as the server counts them.
      var over = max - veld.value.replace(/\r\n/g, "\n").length;
      if (over >= 0) {
        return "Nog " + getal(over) + " van " + getal(max) + " tekens over.";
      }
      return getal(-over) + " tekens te veel (hoogstens " + getal(max) + ").";
    }

    function werkBij() {
      teller.textContent = tekst();
      teller.classList.toggle("rt-teller--vol", veld.value.length >= max * 0.9);
      window.clearTimeout(wacht);
      wacht = window.setTimeout(function () {
        stem.textContent = teller.textContent;
      }, 1000);
    }

    veld.addEventListener("input", werkBij);
    teller.textContent = tekst();
  }

  function koppelAlles(wortel) {
    var velden = (wortel || document).querySelectorAll("[data-tekenteller][maxlength]");
    Array.prototype.forEach.call(velden, koppel);
  }

  document.addEventListener("DOMContentLoaded", function () {
    koppelAlles(document);
  });
  // Forms swapped in by htmx (the basisvoorwaarde saved in place) get their counter too.
  document.addEventListener("htmx:load", function (e) {
    koppelAlles(e.target);
  });
})();
