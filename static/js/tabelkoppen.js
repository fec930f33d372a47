/* Phone width (issue 14): thema.css stacks the cells of every .rt-tabel under 40rem. This script
   gives each body cell the name of its column (data-label) so the stacked row reads "Status: In
   behandeling". Progressive enhancement: without it the rows still stack, only without the
   column names; templates that set data-label themselves (the "Wie doet wat" table) keep theirs.
   No inline script: the CSP forbids it. */
(function () {
  "use strict";

  function koppen(tabel) {
    var kop = tabel.tHead && tabel.tHead.rows[0];
    if (!kop) return;
    var namen = [];
    for (var i = 0; i < kop.cells.length; i++) {
      var tekst = kop.cells[i].textContent.replace(/\s+/g, " ").trim();
      for (var s = 0; s < (kop.cells[i].colSpan || 1); s++) namen.push(tekst);
    }
    for (var b = 0; b < tabel.tBodies.length; b++) {
      var rijen = tabel.tBodies[b].rows;
      for (var r = 0; r < rijen.length; r++) {
        var kolom = 0;
        for (var c = 0; c < rijen[r].cells.length; c++) {
          var cel = rijen[r].cells[c];
          var breed = cel.colSpan || 1;
          if (breed === 1 && namen[kolom] && !cel.hasAttribute("data-label")) {
            cel.setAttribute("data-label", namen[kolom]);
          }
          // A stacked row does not show "Let op:" with nothing after it.
          if (!cel.textContent.trim() && !cel.querySelector("input, button, select, img, svg")) {
            cel.classList.add("rt-cel-leeg");
          }
          kolom += breed;
        }
      }
    }
  }

  function alles(wortel) {
    var tabellen = (wortel || document).querySelectorAll("table.rt-tabel");
    for (var i = 0; i < tabellen.length; i++) koppen(tabellen[i]);
  }

  alles(document);
  document.addEventListener("htmx:afterSettle", function () {
    alles(document);
  });
})();
