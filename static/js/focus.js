/* Focus after in-place (htmx) edits and after a failed submit (issue 14, ADR 0010).
   Fragments swapped in by htmx say what they are with data-rt-focus:
     "formulier"  a form just opened: focus goes to its first field;
     "opgeslagen" the summary after a save: focus goes to its [data-rt-focusdoel] (a heading or
                  row header with tabindex=-1) and the polite live region #rt-live says
                  "Opgeslagen", so a screen-reader user hears that the save happened;
   whatever the kind, a fragment that comes back with errors sends focus to its error summary
   (.rt-foutoverzicht), else to the first invalid field, else to its alert.
   On a full page load the error summary of a failed submit gets focus, or else the message of
   a post/redirect (data-rt-melding), so "Ik pak dit op" ends on "Opgepakt door …".
   Progressive enhancement: without this script everything still works as plain forms. No
   inline script and no eval: the CSP forbids both. */
(function () {
  "use strict";

  function zichtbaar(el) {
    return !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
  }

  function geefFocus(el) {
    if (!el) return false;
    if (!el.matches("a[href], button, input, select, textarea, [tabindex]")) {
      el.setAttribute("tabindex", "-1");
    }
    el.focus();
    return document.activeElement === el;
  }

  function eersteVeld(wortel) {
    var velden = wortel.querySelectorAll(
      "input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled])"
    );
    for (var i = 0; i < velden.length; i++) {
      if (zichtbaar(velden[i])) return velden[i];
    }
    return null;
  }

  function fout(wortel) {
    return (
      wortel.querySelector(".rt-foutoverzicht") ||
      wortel.querySelector("[aria-invalid=true]") ||
      wortel.querySelector("[role=alert]")
    );
  }

  function meld(tekst) {
    var stem = document.getElementById("rt-live");
    if (!stem) return;
    // Empty first, then fill: the same words twice in a row are announced twice.
    stem.textContent = "";
    window.setTimeout(function () {
      stem.textContent = tekst || stem.getAttribute("data-opgeslagen") || "";
    }, 100);
  }

  function naWissel(el) {
    var soort = el.getAttribute && el.getAttribute("data-rt-focus");
    if (!soort) return;
    var f = fout(el);
    if (f) {
      geefFocus(f);
      return;
    }
    if (soort === "formulier") {
      geefFocus(eersteVeld(el));
    } else if (soort === "opgeslagen") {
      geefFocus(el.querySelector("[data-rt-focusdoel]") || el);
      meld();
    }
  }

  // htmx:load fires on every element htmx brings in, once it is in the page.
  document.addEventListener("htmx:load", function (e) {
    naWissel(e.target);
  });

  document.addEventListener("DOMContentLoaded", function () {
    var f = document.querySelector(".rt-foutoverzicht");
    if (f) {
      geefFocus(f);
      return;
    }
    var melding = document.querySelector("[data-rt-melding]");
    if (melding) geefFocus(melding);
  });
})();
