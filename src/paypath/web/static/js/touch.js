/* Phones: wide tables stack (each cell labelled with its column), and every sourced number
   and chart mark opens its source on a tap, since a phone cannot hover. No inline script
   (CSP). */
(function () {
  "use strict";

  function labelCells() {
    document.querySelectorAll("table.data").forEach(function (table) {
      var heads = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
        return th.textContent.trim();
      });
      if (!heads.length) { return; }
      table.classList.add("stack");
      table.querySelectorAll("tbody tr").forEach(function (tr) {
        Array.prototype.forEach.call(tr.children, function (td, i) {
          if (!td.hasAttribute("data-label") && heads[i]) { td.setAttribute("data-label", heads[i]); }
        });
      });
    });
  }

  function closeTips(except) {
    document.querySelectorAll(".source-tip").forEach(function (tip) {
      if (tip !== except) { tip.remove(); }
    });
  }

  function sourceTips() {
    document.querySelectorAll(".num[title]").forEach(function (el) {
      el.setAttribute("tabindex", "0");
      el.setAttribute("role", "button");
      el.setAttribute("aria-label", el.textContent.trim() + ": show source");
    });
    document.addEventListener("click", function (event) {
      var mark = event.target.closest ? event.target.closest("figure.chart g.mark") : null;
      if (mark && mark.querySelector("title")) {
        var figure = mark.closest("figure.chart");
        var chartTip = document.createElement("span");
        chartTip.className = "source-tip";
        chartTip.setAttribute("role", "note");
        chartTip.textContent = mark.querySelector("title").textContent;
        figure.querySelector("svg").insertAdjacentElement("afterend", chartTip);
        closeTips(chartTip);
        return;
      }
      var el = event.target.closest ? event.target.closest(".num[title]") : null;
      if (!el) { closeTips(null); return; }
      var open = el.nextElementSibling;
      if (open && open.classList.contains("source-tip")) { open.remove(); return; }
      var tip = document.createElement("span");
      tip.className = "source-tip";
      tip.setAttribute("role", "note");
      tip.textContent = el.getAttribute("title");
      el.insertAdjacentElement("afterend", tip);
      closeTips(tip);
    });
    document.addEventListener("keydown", function (event) {
      if ((event.key === "Enter" || event.key === " ") && event.target.matches &&
          event.target.matches(".num[title]")) {
        event.preventDefault();
        event.target.click();
      }
      if (event.key === "Escape") { closeTips(null); }
    });
  }

  function start() { labelCells(); sourceTips(); }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
