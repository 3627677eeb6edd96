/* hudna UI: map of events and zones, timeline, small maps. No inline script (CSP); all text
   from the server is set with textContent, never innerHTML. */
(function () {
  "use strict";
  var T = {};
  try { T = JSON.parse(document.body.dataset.i18n || "{}"); } catch (e) { T = {}; }
  var COLORS = { violation: "#d7301f", not_violation: "#2b8cbe", excluded_target: "#756bb1",
                 outside_scope: "#969696", undetermined: "#f39c12" };
  var GRADE_OPACITY = { confirmed: 0.95, fair: 0.8, weak: 0.55, contested: 0.65, discounted: 0.3 };
  var SVGNS = "http://www.w3.org/2000/svg";

  function el(tag, attrs, text) {
    var n = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { n.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) { n.textContent = String(text); }
    return n;
  }
  function svg(tag, attrs, text) {
    var n = document.createElementNS(SVGNS, tag);
    Object.keys(attrs || {}).forEach(function (k) { n.setAttribute(k, attrs[k]); });
    if (text !== undefined) { n.textContent = String(text); }
    return n;
  }
  function getJSON(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { if (!r.ok) { throw new Error(url + ": " + r.status); } return r.json(); });
  }
  function baseMap(node, zoom) {
    var map = L.map(node, { preferCanvas: true }).setView([35.0, 38.5], zoom || 7);
    map.attributionControl.addAttribution("OCHA COD-AB 2015 (CC BY-IGO)");
    getJSON("/api/gazetteer/admin1").then(function (g) {
      var layer = L.geoJSON(g, { style: { color: "#777", weight: 1, fillColor: "#f4f1ea", fillOpacity: 1 },
        onEachFeature: function (f, l) { l.bindTooltip(document.body.dataset.lang === "ar" ? (f.properties.name_ar || f.properties.name_en) : f.properties.name_en); } });
      layer.addTo(map); layer.bringToBack();
      node.dataset.base = "done";
    }).catch(function () { node.dataset.base = "error"; });
    return map;
  }
  function zonesLayer(map, regime) {
    var group = L.layerGroup().addTo(map);
    if (!regime) { return group; }
    getJSON("/api/regimes/" + encodeURIComponent(regime) + "/zones").then(function (g) {
      var layer = L.geoJSON(g, { style: { color: "#1a9850", weight: 2, dashArray: "6 4", fillOpacity: 0.08 } });
      group.addLayer(layer);
      if (map.options.fitZones) { try { map.fitBounds(layer.getBounds(), { maxZoom: 10 }); } catch (e) {} }
    }).catch(function () {});
    return group;
  }
  function popup(p) {
    var box = el("div", { "class": "popup" });
    box.appendChild(el("strong", {}, p.date_start + " · " + p.event_type));
    box.appendChild(el("div", { dir: "auto" }, [p.location, p.admin1].filter(Boolean).join(", ")));
    box.appendChild(el("div", { dir: "auto" }, [p.actor1, p.actor2].filter(Boolean).join(" / ")));
    if (p.verdict) { box.appendChild(el("div", {}, (T[p.verdict] || p.verdict) + (p.grade ? " · " + (T[p.grade] || p.grade) : ""))); }
    var a = el("a", { href: "/events/" + encodeURIComponent(p.id), "class": "open-event" }, T.open || "Open");
    box.appendChild(a);
    return box;
  }
  function newsItem(p, unlocated) {
    var li = el("li", { "class": "news-event" });
    var v = el("span", { "class": "dot v-" + (p.verdict || "none") });
    li.appendChild(v);
    li.appendChild(el("a", { href: "/events/" + encodeURIComponent(p.id), dir: "auto" },
      p.date_start + " · " + (T["type_" + p.event_type] || p.event_type) + " · " + (p.location || p.admin1 || "")));
    if (p.grade) { li.appendChild(document.createTextNode(" ")); li.appendChild(el("span", { "class": "badge g-" + p.grade }, T[p.grade] || p.grade)); }
    if (unlocated) { li.appendChild(el("small", { "class": "muted" }, " (" + (T.not_on_map || "not on the map") + ")")); }
    return li;
  }
  function tableRow(p) {
    var tr = el("tr");
    var a = el("a", { href: "/events/" + encodeURIComponent(p.id) }, p.date_start);
    var td = el("td"); td.appendChild(a); tr.appendChild(td);
    tr.appendChild(el("td", {}, p.event_type));
    tr.appendChild(el("td", { dir: "auto" }, [p.location, p.admin1].filter(Boolean).join(", ")));
    tr.appendChild(el("td", { dir: "auto" }, [p.actor1, p.actor2].filter(Boolean).join(" / ")));
    var v = el("td"); if (p.verdict) { v.appendChild(el("span", { "class": "badge v-" + p.verdict }, T[p.verdict] || p.verdict)); } tr.appendChild(v);
    var g = el("td"); if (p.grade) { g.appendChild(el("span", { "class": "badge g-" + p.grade }, T[p.grade] || p.grade)); } tr.appendChild(g);
    return tr;
  }

  function eventsPage(node) {
    var map = baseMap(node, 7);
    var form = document.getElementById("filters");
    var layer = L.layerGroup().addTo(map);
    var zones = null;
    var tbody = document.querySelector("#events-table tbody");
    var count = document.getElementById("count");
    var newsList = document.getElementById("news-events");
    var newsMarkers = [];
    function params() {
      var q = new URLSearchParams();
      new FormData(form).forEach(function (v, k) { if (v) { q.set(k, v); } });
      return q;
    }
    function load() {
      var q = params();
      layer.clearLayers(); tbody.textContent = ""; count.textContent = T.loading || "…";
      newsMarkers = []; if (newsList) { newsList.textContent = ""; }
      node.dataset.state = "loading"; node.dataset.loaded = "0";
      if (zones) { map.removeLayer(zones); }
      zones = zonesLayer(map, q.get("regime"));
      q.set("format", "geojson"); q.set("limit", "2000");
      var shown = 0, pages = 0;
      function page(cursor) {
        if (cursor) { q.set("cursor", cursor); }
        return getJSON("/api/events?" + q.toString()).then(function (fc) {
          fc.features.forEach(function (f) {
            var p = f.properties;
            var news = p.origin === "news";  /* events from reports: evidence one click away */
            if (news && newsList) { newsList.appendChild(newsItem(p, !f.geometry)); }
            if (!f.geometry) { return; }
            var c = f.geometry.coordinates;
            var m = L.circleMarker([c[1], c[0]], { radius: news ? 9 : 5, weight: news ? 3 : 1, color: news ? "#000" : "#333",
              fillColor: COLORS[p.verdict] || "#bbb", fillOpacity: GRADE_OPACITY[p.grade] || 0.6 });
            m.bindPopup(popup(p)); m.addTo(layer);
            if (news) { newsMarkers.push(m); }
            if (shown < 300) { tbody.appendChild(tableRow(p)); }
            shown += 1;
          });
          pages += 1;
          count.textContent = shown + " " + (T.shown || "events");
          node.dataset.loaded = String(shown);
          if (fc.next && pages < 50) { return page(fc.next); }
        });
      }
      /* data-state tells tests (and anyone curious) when every page of events is on the map */
      page(null).then(function () {
        newsMarkers.forEach(function (m) { m.bringToFront(); });
        if (newsList && !newsList.children.length) { newsList.appendChild(el("li", { "class": "muted" }, "–")); }
        node.dataset.state = "done";
      })
        .catch(function (e) { count.textContent = String(e); node.dataset.state = "error"; });
      timeline(q.get("start"), q.get("end"));
    }
    form.addEventListener("submit", function (ev) { ev.preventDefault(); load(); });
    load();
  }

  function timeline(start, end) {
    var box = document.getElementById("timeline");
    if (!box) { return; }
    var q = new URLSearchParams(); if (start) { q.set("start", start); } if (end) { q.set("end", end); }
    getJSON("/api/timeline?" + q.toString()).then(function (data) {
      box.textContent = "";
      var W = 900, H = 220, PAD = 30;
      var series = data.series || {}, ids = Object.keys(series);
      var days = [], max = 1;
      ids.forEach(function (id) { series[id].forEach(function (d) { days.push(d[0]); if (d[1] > max) { max = d[1]; } }); });
      if (!days.length) { box.textContent = "–"; box.dataset.state = "done"; return; }
      days.sort();
      var t0 = Date.parse(days[0]), t1 = Date.parse(days[days.length - 1]) || t0 + 86400000;
      if (t1 === t0) { t1 = t0 + 86400000; }
      function x(d) { return PAD + (Date.parse(d) - t0) / (t1 - t0) * (W - 2 * PAD); }
      function y(n) { return H - PAD - n / max * (H - 2 * PAD); }
      var s = svg("svg", { viewBox: "0 0 " + W + " " + H, width: "100%", role: "img", "aria-label": T.timeline || "timeline", "class": "chart" });
      s.appendChild(svg("line", { x1: PAD, x2: W - PAD, y1: H - PAD, y2: H - PAD, "class": "axis" }));
      s.appendChild(svg("line", { x1: PAD, x2: PAD, y1: PAD, y2: H - PAD, "class": "axis" }));
      s.appendChild(svg("text", { x: 2, y: PAD, "class": "lbl" }, max));
      s.appendChild(svg("text", { x: PAD, y: H - 8, "class": "lbl" }, days[0]));
      s.appendChild(svg("text", { x: W - PAD - 70, y: H - 8, "class": "lbl" }, days[days.length - 1]));
      var palette = ["#d7301f", "#2b8cbe", "#1a9850", "#756bb1", "#f39c12", "#636363"];
      ids.forEach(function (id, i) {
        var pts = series[id].map(function (d) { return x(d[0]).toFixed(1) + "," + y(d[1]).toFixed(1); }).join(" ");
        var line = svg("polyline", { points: pts, fill: "none", stroke: palette[i % palette.length], "stroke-width": 1.5, "class": "series" });
        line.appendChild(svg("title", {}, id));
        s.appendChild(line);
        s.appendChild(svg("text", { x: W - PAD - 250, y: PAD + 14 * i, fill: palette[i % palette.length], "class": "lbl" }, id));
      });
      box.appendChild(s);
      box.dataset.state = "done";
    }).catch(function () { box.textContent = "–"; box.dataset.state = "error"; });
  }

  function eventMap(node) {
    var lon = parseFloat(node.dataset.lon), lat = parseFloat(node.dataset.lat);
    var map = baseMap(node, 7);
    if (!isNaN(lon) && !isNaN(lat)) {
      L.circleMarker([lat, lon], { radius: 8, color: "#000", fillColor: "#d7301f", fillOpacity: 0.9 }).addTo(map);
      map.setView([lat, lon], 9);
    }
  }
  function regimeMap(node) {
    var map = baseMap(node, 7);
    map.options.fitZones = true;
    zonesLayer(map, node.dataset.regime);
  }

  var m = document.getElementById("map");
  if (m && m.dataset.page === "events") { eventsPage(m); }
  var em = document.getElementById("event-map");
  if (em) { eventMap(em); }
  var rm = document.getElementById("regime-map");
  if (rm) { regimeMap(rm); }
})();
