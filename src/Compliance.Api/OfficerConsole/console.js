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
    else if (e.key === "Enter" && index >= 0) {
      var link = rows[index].querySelector("a");
      if (link) { e.preventDefault(); window.location.assign(link.href); }
    }
  });
})();

// The rule editor: the text is checked on the server as the officer types (debounced), and each
// problem is listed at its line and column; clicking one puts the cursor on that line.
(function () {
  "use strict";
  var form = document.getElementById("editor");
  if (!form) { return; }
  var list = document.getElementById("diagnostics");
  var none = document.getElementById("no-problems");
  var workflow = document.getElementById("workflow");
  var token = form.querySelector("input[name=__RequestVerificationToken]");
  var timer = null;
  var sequence = 0;

  function goTo(field, line, column) {
    var area = document.getElementById(field) || workflow;
    var lines = area.value.split("\n");
    var offset = 0;
    for (var i = 0; i < Math.min(line - 1, lines.length); i++) { offset += lines[i].length + 1; }
    offset += Math.max(0, (column || 1) - 1);
    area.focus();
    area.setSelectionRange(offset, offset);
    var lineHeight = parseFloat(window.getComputedStyle(area).lineHeight) || 18;
    area.scrollTop = Math.max(0, (line - 4) * lineHeight);
  }

  function show(diagnostics) {
    list.textContent = "";
    diagnostics.forEach(function (d) {
      var item = document.createElement("li");
      item.setAttribute("data-line", d.line == null ? "" : String(d.line));
      var text = d.field + (d.line == null ? "" : " line " + d.line + ", column " + d.column) + ": " + d.where + ": " + d.message;
      if (d.line != null) {
        var link = document.createElement("a");
        link.href = "#" + d.field;
        link.textContent = text;
        link.addEventListener("click", function (e) { e.preventDefault(); goTo(d.field, d.line, d.column); });
        item.appendChild(link);
      } else {
        item.textContent = text;
      }
      list.appendChild(item);
    });
    none.hidden = diagnostics.length > 0;
  }

  function validate() {
    var mine = ++sequence;
    fetch(form.getAttribute("data-validate"), {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "RequestVerificationToken": token ? token.value : "" },
      body: JSON.stringify({
        workflow: workflow.value,
        settings: document.getElementById("settings").value,
        tests: document.getElementById("tests").value
      })
    }).then(function (r) { return r.ok ? r.json() : null; })
      .then(function (diagnostics) { if (diagnostics && mine === sequence) { show(diagnostics); } })
      .catch(function () { /* the save still validates */ });
  }

  form.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(validate, 400);
  });
  Array.prototype.forEach.call(list.querySelectorAll("li[data-line]"), function (item) {
    var line = parseInt(item.getAttribute("data-line"), 10);
    if (line) { item.addEventListener("click", function () { goTo("workflow", line, 1); }); }
  });
})();
