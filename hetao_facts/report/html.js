/* hetao-facts HTML report: filters, and links from a figure to all of its checks.
   Inlined by hetao_facts/report/html.py; the page's Content-Security-Policy allows only
   this script (by its hash). It reads class names and data attributes, never markup. */
(function () {
  "use strict";
  var body = document.body;
  var boxes = Array.prototype.slice.call(
    document.querySelectorAll("input[data-filter-status]"));
  var checks = Array.prototype.slice.call(document.querySelectorAll("article.check"));

  function applyFilters() {
    var hidden = {};
    boxes.forEach(function (box) {
      if (!box.checked) { hidden[box.getAttribute("data-filter-status")] = true; }
    });
    checks.forEach(function (article) {
      article.hidden = hidden[article.getAttribute("data-status")] === true;
    });
  }

  function reveal(el) {
    if (el && el.hidden) { el.hidden = false; }
  }

  function clearMarks() {
    Array.prototype.forEach.call(document.querySelectorAll(".linked, .selected"),
      function (el) { el.classList.remove("linked"); el.classList.remove("selected"); });
  }

  boxes.forEach(function (box) { box.addEventListener("change", applyFilters); });

  document.addEventListener("click", function (event) {
    var target = event.target;
    var claim = target && target.closest ? target.closest("a.claim") : null;
    if (!claim) { return; }
    clearMarks();
    claim.classList.add("selected");
    (claim.getAttribute("data-checks") || "").split(" ").forEach(function (id) {
      var article = id ? document.getElementById(id) : null;
      if (article) { reveal(article); article.classList.add("linked"); }
    });
  });

  function onHash() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (id) { reveal(document.getElementById(id)); }
  }
  window.addEventListener("hashchange", onHash);

  applyFilters();
  onHash();
  body.setAttribute("data-hf-ready", "1");
}());
