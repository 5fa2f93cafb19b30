/* The cohort page's ranking: sort by any column, filter by outcome, flag or name.
   The table is complete without this script; it only adds buttons to the headers and a
   filter bar above the table. No library, nothing loaded. The review server allows this
   script by its hash (reports/script.py): any change to it changes the hash. */
(function () {
  "use strict";
  var table = document.getElementById("ranking-table");
  if (!table || !table.tBodies.length) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var sorted = { column: -1, descending: false };

  function cellValue(row, column) {
    var cell = row.cells[column];
    if (!cell) { return ""; }
    var value = cell.getAttribute("data-value");
    return value === null ? cell.textContent.trim().toLowerCase() : value;
  }

  function compare(column, numeric, descending) {
    return function (a, b) {
      var x = cellValue(a, column), y = cellValue(b, column);
      var result;
      if (numeric) {
        var empty = (x === "") - (y === "");
        if (empty) { return empty; } /* no value: last, either way */
        result = parseFloat(x) - parseFloat(y);
      } else {
        result = x < y ? -1 : x > y ? 1 : 0;
      }
      if (descending) { result = -result; }
      return result || rows.indexOf(a) - rows.indexOf(b);
    };
  }

  function sortBy(column) {
    var header = headers[column];
    var numeric = header.getAttribute("data-sort") === "number";
    var descending = sorted.column === column ? !sorted.descending
      : header.getAttribute("data-first") === "descending";
    sorted = { column: column, descending: descending };
    var order = rows.slice().sort(compare(column, numeric, descending));
    order.forEach(function (row) { body.appendChild(row); });
    headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", descending ? "descending" : "ascending");
  }

  headers.forEach(function (header, column) {
    if (!header.hasAttribute("data-sort")) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sort";
    while (header.firstChild) { button.appendChild(header.firstChild); }
    header.appendChild(button);
    button.addEventListener("click", function () { sortBy(column); });
  });

  var shows = [
    ["all", "everyone"], ["passed", "passed"], ["failed", "failed"],
    ["borderline", "borderline"], ["awaiting", "awaiting review"],
    ["flagged", "flagged"], ["high", "flagged high"], ["ungraded", "not graded"]
  ];
  var bar = document.createElement("form");
  bar.id = "ranking-filters";
  bar.className = "filters";
  bar.setAttribute("role", "search");
  var showLabel = document.createElement("label");
  showLabel.appendChild(document.createTextNode("Show "));
  var show = document.createElement("select");
  show.id = "filter-show";
  shows.forEach(function (option) {
    var item = document.createElement("option");
    item.value = option[0];
    item.textContent = option[1];
    show.appendChild(item);
  });
  showLabel.appendChild(show);
  var nameLabel = document.createElement("label");
  nameLabel.appendChild(document.createTextNode(" name contains "));
  var name = document.createElement("input");
  name.type = "search";
  name.id = "filter-name";
  nameLabel.appendChild(name);
  var shown = document.createElement("output");
  shown.id = "filter-count";
  bar.appendChild(showLabel);
  bar.appendChild(nameLabel);
  bar.appendChild(document.createTextNode(" "));
  bar.appendChild(shown);
  table.parentNode.insertBefore(bar, table);

  function kept(row) {
    var data = row.dataset;
    var wanted = show.value;
    var text = name.value.trim().toLowerCase();
    if (text && data.name.indexOf(text) < 0) { return false; }
    if (wanted === "passed") { return data.passed === "yes"; }
    if (wanted === "failed") { return data.passed === "no"; }
    if (wanted === "borderline") { return data.borderline === "yes"; }
    if (wanted === "awaiting") { return data.awaiting === "yes"; }
    if (wanted === "flagged") { return data.severity !== ""; }
    if (wanted === "high") { return data.severity === "high"; }
    if (wanted === "ungraded") { return data.status !== "graded"; }
    return true;
  }

  function filter() {
    var count = 0;
    rows.forEach(function (row) {
      var keep = kept(row);
      row.hidden = !keep;
      if (keep) { count += 1; }
    });
    shown.textContent = count + " of " + rows.length + " shown";
  }

  show.addEventListener("change", filter);
  name.addEventListener("input", filter);
  bar.addEventListener("submit", function (event) { event.preventDefault(); });
  filter();
}());
