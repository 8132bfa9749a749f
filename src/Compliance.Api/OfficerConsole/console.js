// Keyboard navigation for tables marked data-keyboard: j / ArrowDown and k / ArrowUp move between
// rows, Enter opens the focused row's link. Nothing else runs on the page (no inline script: CSP).
(function () {
  "use strict";
  var table = document.querySelector("table[data-keyboard]");
  if (!table) { return; }
  var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr"));
  var index = -1;
  function focus(i) {
    if (rows.length === 0) { return; }
    index = Math.max(0, Math.min(rows.length - 1, i));
    rows.forEach(function (row, j) { row.classList.toggle("focused", j === index); });
    var link = rows[index].querySelector("a");
    if (link) { link.focus(); }
  }
  document.addEventListener("keydown", function (e) {
    var tag = (e.target && e.target.tagName) || "";
    if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA") { return; }
    if (e.key === "j" || e.key === "ArrowDown") { focus(index + 1); e.preventDefault(); }
    else if (e.key === "k" || e.key === "ArrowUp") { focus(index - 1); e.preventDefault(); }
  });
})();
