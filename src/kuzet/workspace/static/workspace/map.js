/* The map: bundled country and region outlines (always drawn, no network needed), an
   optional tile layer when the server names one, and one circle per place of the
   current search, sized by its number of entries and coloured by its dominant type.
   Data comes from the page itself (a JSON script element), so the map needs no extra
   request except the outline file, which is a static file of this server. */
(function () {
  "use strict";
  var el = document.getElementById("map");
  var dataEl = document.getElementById("map-data");
  if (!el || !dataEl || typeof L === "undefined") { return; }
  var data = JSON.parse(dataEl.textContent);

  var map = L.map(el, { zoomSnap: 0.25, minZoom: 3, maxZoom: 12, attributionControl: true });
  map.fitBounds([[40.5, 46.4], [55.5, 87.4]]);
  map.attributionControl.setPrefix("");

  if (data.tiles) {
    L.tileLayer(data.tiles, { attribution: data.tiles_attribution || "", maxZoom: 18 }).addTo(map);
  }

  fetch(data.outlines).then(function (r) { return r.json(); }).then(function (geo) {
    var regionLinks = data.region_links || {};
    L.geoJSON(geo, {
      style: function (f) {
        return f.properties.kind === "country"
          ? { color: "#1c2430", weight: 2, fill: !data.tiles, fillColor: "#fbfbf8", fillOpacity: 1, interactive: false }
          : { color: "#6b7b8a", weight: 1, fill: true, fillColor: "#000", fillOpacity: 0, dashArray: "3 3" };
      },
      onEachFeature: function (f, layer) {
        if (f.properties.kind === "country") { return; }
        var link = regionLinks[f.properties.name];
        var label = link ? link.name : f.properties.name;
        layer.bindTooltip(label + (link ? " — " + link.count : ""), { sticky: true });
        if (link) {
          layer.on("click", function () { window.location.href = link.href; });
        }
      }
    }).addTo(map);
    el.setAttribute("data-outlines", "loaded");
    drawMarkers();
  }).catch(function () { drawMarkers(); });

  function drawMarkers() {
    var max = 1;
    data.places.forEach(function (p) { if (p.count > max) { max = p.count; } });
    data.places.forEach(function (p) {
      var radius = 5 + 20 * Math.sqrt(p.count / max);
      var marker = L.circleMarker([p.lat, p.lon], {
        radius: radius, color: "#1c2430", weight: 1, fillColor: p.colour, fillOpacity: 0.8,
        className: "place-marker"
      }).addTo(map);
      var popup = document.createElement("div");
      var title = document.createElement("strong");
      title.textContent = p.name;
      popup.appendChild(title);
      var line = document.createElement("div");
      line.textContent = p.count_label + " · " + p.type_label;
      popup.appendChild(line);
      var a = document.createElement("a");
      a.href = p.href;
      a.textContent = data.open_label;
      popup.appendChild(a);
      marker.bindPopup(popup);
      marker.bindTooltip(p.name + ": " + p.count);
    });
    el.setAttribute("data-markers", String(data.places.length));
  }
})();
