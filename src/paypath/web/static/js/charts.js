// paypath charts: draws every <figure class="chart"> from the JSON block inside it as SVG.
// No library and no network: the spec is embedded in the page (see paypath/web/charts.py).
// Spec: {title, unit: "usd"|"pct", series: [{key, label, style: "range"|"point"}],
//        rows: [{label, href?, marks: [{series, lo?, hi?, mid?, value?, open?, title}]}],
//        refs: [{value, label}]}
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";

  function el(name, attrs, parent) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
    if (parent) { parent.appendChild(node); }
    return node;
  }

  function text(parent, x, y, content, cls, anchor) {
    var t = el("text", { x: x, y: y, "class": cls, "text-anchor": anchor || "start" }, parent);
    t.textContent = content;
    return t;
  }

  function tooltip(node, content) {
    var t = el("title", {}, node);
    t.textContent = content;
  }

  function fmt(unit, v) {
    if (unit === "pct") {
      var p = Math.round(v * 1000) / 10;
      return (p > 0 ? "+" : "") + (Number.isInteger(p) ? p.toFixed(0) : p.toFixed(1)) + "%";
    }
    if (Math.abs(v) >= 1000) { return "$" + Math.round(v / 1000).toLocaleString("en-US") + "k"; }
    return "$" + Math.round(v).toLocaleString("en-US");
  }

  function niceStep(span, target) {
    var raw = span / Math.max(target, 1);
    var mag = Math.pow(10, Math.floor(Math.log10(raw)));
    var steps = [1, 2, 2.5, 5, 10];
    for (var i = 0; i < steps.length; i++) {
      if (raw <= steps[i] * mag) { return steps[i] * mag; }
    }
    return 10 * mag;
  }

  function domain(spec) {
    var values = [];
    spec.rows.forEach(function (row) {
      row.marks.forEach(function (m) {
        ["lo", "hi", "mid", "value"].forEach(function (k) {
          if (typeof m[k] === "number") { values.push(m[k]); }
        });
      });
    });
    (spec.refs || []).forEach(function (r) { values.push(r.value); });
    if (spec.unit === "pct") { values.push(0); }
    var lo = Math.min.apply(null, values);
    var hi = Math.max.apply(null, values);
    if (spec.unit !== "pct") { lo = Math.max(0, lo - (hi - lo) * 0.08); }
    if (hi === lo) { hi = lo + (spec.unit === "pct" ? 0.1 : 10000); }
    return [lo, hi];
  }

  function legend(spec, seriesIndex) {
    var ul = document.createElement("ul");
    ul.className = "chart-legend";
    spec.series.forEach(function (s) {
      var li = document.createElement("li");
      var sw = document.createElement("i");
      sw.className = "c" + seriesIndex[s.key] + (s.style === "point" ? " point" : "");
      li.appendChild(sw);
      li.appendChild(document.createTextNode(s.label));
      ul.appendChild(li);
    });
    return ul;
  }

  function draw(target, spec) {
    var width = Math.max(280, Math.round(target.clientWidth || 640));
    var narrow = width < 560;
    var labelW = Math.min(narrow ? 118 : 210, Math.round(width * 0.36));
    var seriesIndex = {};
    var lanes = {};
    var laneCount = 0;
    spec.series.forEach(function (s, i) {
      seriesIndex[s.key] = i;
      if (s.style === "range") { lanes[s.key] = laneCount++; }
    });
    laneCount = Math.max(laneCount, 1);
    var laneH = laneCount > 1 ? 9 : 14;
    var rowH = Math.max(26, laneCount * (laneH + 3) + 10);
    var nRefs = spec.refs ? spec.refs.length : 0;
    var top = nRefs ? 8 + 13 * nRefs : 6;
    var plotL = labelW + 8;
    var plotR = width - 14;
    var height = top + spec.rows.length * rowH + 26;
    var d = domain(spec);
    var step = niceStep(d[1] - d[0], narrow ? 3 : 6);
    // Money axes span the data (a little margin, see domain()), not the nearest round
    // number below it: with 3 ticks on a phone that was often $0. Percent axes keep 0.
    var pctAxis = spec.unit === "pct";
    var lo = pctAxis ? Math.floor(d[0] / step) * step : d[0];
    var hi = pctAxis ? Math.ceil(d[1] / step) * step : d[1];
    for (var target = 4; Math.floor(hi / step + 1e-9) - Math.ceil(lo / step - 1e-9) < 1; target += 2) {
      step = niceStep(hi - lo, target);  // at least two ticks inside the data's span
    }
    var x = function (v) { return plotL + ((v - lo) / (hi - lo)) * (plotR - plotL); };

    var svg = el("svg", {
      viewBox: "0 0 " + width + " " + height, width: width, height: height,
      role: "img", "aria-label": spec.title
    });
    for (var t = Math.ceil(lo / step - 1e-9) * step; t <= hi + step * 1e-6; t += step) {
      var tx = x(t);
      el("line", { x1: tx, x2: tx, y1: top, y2: height - 22, "class": Math.abs(t) < step / 1e6 && spec.unit === "pct" ? "zero-line" : "grid-line" }, svg);
      text(svg, tx, height - 8, fmt(spec.unit, t), "axis-label", "middle");
    }
    spec.rows.forEach(function (row, r) {
      var y0 = top + r * rowH;
      var cy = y0 + rowH / 2;
      var labelParent = svg;
      if (row.href) { labelParent = el("a", { href: row.href }, svg); }
      var maxChars = Math.floor(labelW / 6.6);
      var shown = row.label.length > maxChars ? row.label.slice(0, maxChars - 1) + "\u2026" : row.label;
      var label = text(labelParent, labelW, cy + 4, shown, "row-label", "end");
      tooltip(label, row.label);
      var used = {};
      row.marks.forEach(function (m) { if (m.series in lanes) { used[lanes[m.series]] = true; } });
      var usedLanes = Object.keys(used).map(Number).sort();
      var blockH = usedLanes.length * (laneH + 3) - 3;
      row.marks.forEach(function (m) {
        var s = seriesIndex[m.series] || 0;
        var g = el("g", { "class": "mark" }, svg);
        tooltip(g, m.title);
        if (typeof m.lo === "number" && typeof m.hi === "number") {
          var lane = usedLanes.indexOf(lanes[m.series]);
          var ly = cy - blockH / 2 + Math.max(lane, 0) * (laneH + 3);
          var x1 = x(Math.min(m.lo, m.hi));
          var x2 = x(Math.max(m.lo, m.hi));
          if (spec.unit === "pct") {
            el("line", { x1: x1, x2: x2, y1: cy, y2: cy, "class": "whisker ws" + s }, g);
            el("line", { x1: x1, x2: x1, y1: cy - 5, y2: cy + 5, "class": "whisker ws" + s }, g);
            el("line", { x1: x2, x2: x2, y1: cy - 5, y2: cy + 5, "class": "whisker ws" + s }, g);
          } else {
            el("rect", { x: x1, y: ly, width: Math.max(x2 - x1, 2), height: laneH, rx: 3, "class": "range s" + s }, g);
            if (m.open) {
              el("path", { d: "M" + x2 + " " + ly + " l7 " + laneH / 2 + " l-7 " + laneH / 2 + " z", "class": "range s" + s }, g);
            }
          }
          if (typeof m.mid === "number") {
            var mx = x(m.mid);
            el("line", { x1: mx, x2: mx, y1: ly + 1, y2: ly + laneH - 1, "class": "mid" }, g);
          }
        }
        if (typeof m.value === "number") {
          el("circle", { cx: x(m.value), cy: cy, r: 5.5, "class": "point s" + s }, g);
        }
      });
    });
    (spec.refs || []).forEach(function (ref, i) {
      var rx = x(ref.value);
      var ly = top - 8 - 13 * (nRefs - 1 - i);
      var g = el("g", { "class": "mark" }, svg);
      tooltip(g, ref.label + ": " + fmt(spec.unit, ref.value));
      el("line", { x1: rx, x2: rx, y1: ly + 3, y2: height - 22, "class": "ref-line" }, g);
      text(g, rx, ly, ref.label, "ref-label", rx > (plotL + plotR) / 2 ? "end" : "start");
    });
    return svg;
  }

  function render(figure) {
    var block = figure.querySelector("script.chart-data");
    var target = figure.querySelector("[data-chart-target]");
    if (!block || !target) { return; }
    var spec = JSON.parse(block.textContent);
    var seriesIndex = {};
    spec.series.forEach(function (s, i) { seriesIndex[s.key] = i; });
    target.textContent = "";
    var title = document.createElement("p");
    title.className = "chart-title";
    title.textContent = spec.title;
    target.appendChild(title);
    target.appendChild(legend(spec, seriesIndex));
    target.appendChild(draw(target, spec));
    figure.setAttribute("data-rendered", "true");
  }

  function renderAll() {
    Array.prototype.forEach.call(document.querySelectorAll("figure.chart"), render);
  }

  var lastWidth = window.innerWidth;
  var timer = null;
  window.addEventListener("resize", function () {
    if (window.innerWidth === lastWidth) { return; }
    lastWidth = window.innerWidth;
    clearTimeout(timer);
    timer = setTimeout(renderAll, 150);
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", renderAll);
  } else {
    renderAll();
  }
})();
