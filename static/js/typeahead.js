// The gemeente type-ahead (issue 14): GOV.UK's accessible autocomplete over a <select
// data-typeahead>, as progressive enhancement. Without JavaScript the select stays.
(function () {
  "use strict";
  function verrijk(root) {
    if (typeof window.accessibleAutocomplete === "undefined") return;
    root.querySelectorAll("select[data-typeahead]:not([data-verrijkt])").forEach(function (select) {
      select.setAttribute("data-verrijkt", "");
      var beschrijving = select.getAttribute("aria-describedby");
      var ongeldig = select.getAttribute("aria-invalid");
      window.accessibleAutocomplete.enhanceSelectElement({
        selectElement: select,
        defaultValue: "",
        minLength: 1,
        showAllValues: false,
        displayMenu: "overlay",
        tNoResults: function () { return "Geen gemeente gevonden"; },
        tStatusQueryTooShort: function (n) { return "Typ minstens " + n + " letter"; },
        tStatusNoResults: function () { return "Geen gemeente gevonden"; },
        tStatusSelectedOption: function (keuze, lengte, index) {
          return keuze + " " + (index + 1) + " van " + lengte + " is gekozen.";
        },
        tStatusResults: function (lengte, keuze) {
          return (lengte === 1 ? "1 gemeente gevonden. " : lengte + " gemeenten gevonden. ") + keuze;
        },
        tAssistiveHint: function () {
          return "Typ de naam van de gemeente. Kies met pijl omhoog en omlaag, bevestig met Enter.";
        },
      });
      var invoer = document.getElementById(select.id.replace(/-select$/, ""));
      if (invoer) {
        invoer.classList.add("utrecht-textbox", "utrecht-textbox--html-input");
        if (beschrijving) {
          var huidig = invoer.getAttribute("aria-describedby");
          invoer.setAttribute("aria-describedby", (beschrijving + " " + (huidig || "")).trim());
        }
        if (ongeldig) invoer.setAttribute("aria-invalid", ongeldig);
      }
    });
  }
  document.addEventListener("DOMContentLoaded", function () { verrijk(document); });
  document.addEventListener("htmx:afterSettle", function (e) { verrijk(e.target); });
})();
