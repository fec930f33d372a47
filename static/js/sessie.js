/* Issue 17: the idle-timeout warning. Progressive enhancement: without this script the server
   still ends an idle session (ketenpartners.middleware.SessieBewaking); with it, a dialog warns
   before the end and "Blijf ingelogd" keeps the session (POST /sessie/verlengen/). Reads its
   numbers from data attributes of <dialog id="rt-sessie"> in base.html; no inline script. */
(function () {
  "use strict";
  var dialoog = document.getElementById("rt-sessie");
  if (!dialoog || typeof dialoog.showModal !== "function") {
    return;
  }
  var waarschuwing = parseInt(dialoog.dataset.waarschuwSeconden, 10) || 120;
  var maximum = parseInt(dialoog.dataset.maximum, 10) || 1800;
  var timers = [];

  function csrf() {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers"))["X-CSRFToken"];
    } catch (e) {
      return "";
    }
  }

  function plan(seconden) {
    timers.forEach(clearTimeout);
    timers = [
      setTimeout(function () {
        if (!dialoog.open) {
          dialoog.showModal();
          dialoog.querySelector("[data-blijf]").focus();
        }
      }, Math.max(0, seconden - waarschuwing) * 1000),
      // At the end: load the page again; the server sends it to the login page with a message.
      setTimeout(function () {
        window.location.assign(window.location.href);
      }, (seconden + 1) * 1000),
    ];
  }

  dialoog.querySelector("[data-blijf]").addEventListener("click", function () {
    fetch(dialoog.dataset.verlengen, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrf(), "X-Requested-With": "fetch" },
    })
      .then(function (antwoord) {
        if (!antwoord.ok) {
          throw new Error(String(antwoord.status));
        }
        return antwoord.json();
      })
      .then(function (gegevens) {
        dialoog.close();
        dialoog.dataset.verlengd = "ja";
        plan(gegevens.resterend);
      })
      .catch(function () {
        window.location.assign(window.location.href);
      });
  });

  // An in-place save (htmx) is activity too; the server writes it at most every 30 seconds.
  document.body.addEventListener("htmx:afterRequest", function () {
    plan(maximum - 30);
  });

  plan(parseInt(dialoog.dataset.resterend, 10) || maximum);
})();
