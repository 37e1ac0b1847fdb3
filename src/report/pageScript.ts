/**
 * The report page's own behaviour, as one classic script run after the Vega builds. Plain
 * ES2017 with no library and no network: it reads the JSON blocks, embeds the charts,
 * wires the search box to the map and the results list, and makes the themes table
 * sortable. Every untrusted string reaches the DOM through `textContent` or a property,
 * never through markup.
 *
 * For tests and for curious readers it exposes `window.paperThemes`:
 * `{ ready: Promise, views: { map, sizes, terms, k }, search(text), labelsPlaced: Promise, fitted }`,
 * where `fitted` says how each chart was fitted to its width (e.g. `terms: "narrow columns
 * 1 width 164"`); after a resize that embeds the map again, `labelsPlaced` is its labels'.
 */

/** What the page script reads from the `report-config` JSON block. */
export interface PageConfig {
  charts: Array<{ name: string; target: string; specId: string; renderer: 'canvas' | 'svg' }>;
  /** Id of the JSON block whose spec holds one row per paper the map draws (the map). */
  papersSpecId: string;
  /** Id of the JSON block of the papers the map does not draw (specs.ts undrawnPapers), or null. */
  undrawnPapersId: string | null;
  /** Name of the map signal that fades papers whose titles do not match. */
  searchSignal: string;
  /** At most this many matching titles are listed under the search box. */
  searchListLimit: number;
  /**
   * Theme labels the page places so that none overlaps another: per chart, the data set
   * of the labels (specs.ts, themeViews.ts), their CSS font, width limit in pixels and the
   * zoom signal after which they are placed again (null: the chart does not zoom).
   */
  labelSets: Array<{ chart: string; data: string; font: string; limit: number; zoom: string | null }>;
}

export const PAGE_SCRIPT = `
(function () {
  'use strict';
  function block(id) { return JSON.parse(document.getElementById(id).textContent); }
  var config = block('report-config');
  var views = {};

  // Charts are fitted to the width of their container when embedded, and embedded again
  // when a resize changes that fit: small multiples get as many columns as fit (one on a
  // phone), and below NARROW pixels legends go under their chart (so that a map keeps the
  // full width) and y-axis labels are shortened.
  var NARROW = 560;
  function widthOf(target) { return Math.max(160, Math.floor(target.clientWidth || document.documentElement.clientWidth)); }
  function fit(spec, width) {
    var narrow = width < NARROW;
    var key = narrow ? 'narrow' : 'wide';
    if (narrow) {
      var config = spec.config || {};
      config.legend = Object.assign({}, config.legend, { orient: 'bottom', direction: 'vertical', labelLimit: Math.max(100, width - 60) });
      config.axisY = Object.assign({}, config.axisY, { labelLimit: Math.round(width * 0.4) });
      spec.config = config;
    }
    // A chart of fixed width wider than its container: as wide as the container, a square
    // one staying square; in a narrow window its axis and text labels shortened too.
    if (typeof spec.width === 'number' && !spec.facet) {
      if (narrow) capLabels(spec, Math.round(width * 0.4));
      if (spec.width > width - 10) {
        var square = spec.height === spec.width;
        spec.width = Math.max(120, width - 10);
        if (square) spec.height = spec.width;
        key += ' width ' + spec.width;
      }
    }
    // Facets of fixed-width panels (the top terms): as many columns as fit, at most the
    // spec's; a single column widens its panel to the space left by the axis labels.
    if (spec.facet && typeof spec.columns === 'number' && spec.spec && typeof spec.spec.width === 'number') {
      var axis = spec.spec.encoding && spec.spec.encoding.y && spec.spec.encoding.y.axis;
      var labels = axis && typeof axis.labelLimit === 'number' ? axis.labelLimit : 140;
      var panel = spec.spec.width;
      var columns = Math.max(1, Math.min(spec.columns, Math.floor((width + 20) / (panel + labels + 30))));
      if (columns === 1 && width < panel + labels + 30) {
        labels = Math.min(labels, Math.round(width * 0.4));
        if (axis) axis.labelLimit = labels;
        spec.spec.width = Math.max(80, width - labels - 40);
        // A theme's name ends at its panel's right edge, over the axis labels if need be.
        spec.facet.header = Object.assign({}, spec.facet.header, { labelAnchor: 'end', labelLimit: spec.spec.width + labels });
      }
      spec.columns = columns;
      key += ' columns ' + columns + ' width ' + spec.spec.width;
    }
    return { spec: spec, key: key };
  }
  // Caps every axis label limit and text mark limit at most, data left alone.
  function capLabels(node, most) {
    if (!node || typeof node !== 'object') return;
    Object.keys(node).forEach(function (key) {
      var value = node[key];
      if (key === 'data' || key === 'values') return;
      if ((key === 'labelLimit' || (key === 'limit' && node.type === 'text')) && typeof value === 'number' && value > most) node[key] = most;
      else if (value && typeof value === 'object') capLabels(value, most);
    });
  }
  var fitted = {};
  function embed(chart, excess, tries) {
    var target = document.querySelector(chart.target);
    var width = widthOf(target);
    var spec = block(chart.specId);
    var layout = fit(spec, excess && spec.facet ? width - excess : width);
    if (excess && !layout.spec.facet) {
      var square = layout.spec.height === layout.spec.width;
      layout.spec.width = Math.max(80, layout.spec.width - excess);
      if (square) layout.spec.height = layout.spec.width;
    }
    if (!excess) fitted[chart.name] = layout.key;
    return vegaEmbed(target, layout.spec, { actions: false, mode: 'vega-lite', renderer: chart.renderer })
      .then(function (result) {
        if (views[chart.name]) views[chart.name].finalize();
        views[chart.name] = result.view;
        // Labels are measured only once drawn: a fitted chart that came out wider than its
        // container is fitted again to the width less the excess (twice at most: labels
        // beyond the plot's edges do not shrink with it).
        var drawn = target.firstElementChild ? target.firstElementChild.getBoundingClientRect().width : 0;
        var fixed = layout.spec.facet || typeof layout.spec.width === 'number';
        if (fixed && (tries || 0) < 2 && drawn > width) return embed(chart, (excess || 0) + Math.ceil(drawn - width) + 8, (tries || 0) + 1);
        if (chart.name === 'map') wireMap(result.view);
        config.labelSets.forEach(function (set) {
          if (set.chart !== chart.name) return;
          var placed = placeLabels(result.view, set);
          if (chart.name === 'map') {
            mapLabelsPlaced = placed;
            if (window.paperThemes) window.paperThemes.labelsPlaced = placed;
          }
        });
      })
      .catch(function (error) {
        target.textContent = 'This chart could not be drawn: ' + (error && error.message ? error.message : String(error));
      });
  }
  var ready = Promise.all(config.charts.map(function (chart) { return embed(chart); }));
  var resizing = null;
  window.addEventListener('resize', function () {
    clearTimeout(resizing);
    resizing = setTimeout(function () {
      ready = ready.then(function () {
        return Promise.all(config.charts.map(function (chart) {
          var target = document.querySelector(chart.target);
          return fit(block(chart.specId), widthOf(target)).key === fitted[chart.name] ? undefined : embed(chart);
        }));
      });
      window.paperThemes.ready = ready;
    }, 200);
  });

  // A click on a point opens its paper in a new tab, a moment later, so that a double-click
  // (which resets the zoom) opens nothing; a point without a link does nothing. A map
  // embedded again after a resize gets the same handlers and keeps the search.
  function wireMap(map) {
    var pending = null;
    function cancel() { if (pending !== null) { clearTimeout(pending); pending = null; } }
    map.addEventListener('click', function (_event, item) {
      cancel();
      var url = item && item.datum && item.datum.url;
      if (!url) return;
      pending = setTimeout(function () { pending = null; window.open(url, '_blank', 'noopener,noreferrer'); }, 300);
    });
    map.addEventListener('dblclick', cancel);
    if (input && input.value.trim() !== '') map.signal(config.searchSignal, patternFor(input.value)).runAsync();
  }

  // Theme labels (the map's, the intertopic map's): largest theme first, each on its
  // anchor or just above or below it, moved inside the plot near an edge, shown only where
  // it overlaps no label already shown; redone after every zoom, pan or resize.
  var mapLabelsPlaced;
  var labelsPlaced = ready.then(function () { return mapLabelsPlaced; });
  function placeLabels(map, set) {
    var labels = map.data(set.data).map(function (d) {
      return { theme: d.theme, label: d.label, x: d.x, y: d.y, size: d.size };
    });
    var measure = document.createElement('canvas').getContext('2d');
    measure.font = set.font;
    var widths = labels.map(function (l) { return Math.min(measure.measureText(l.label).width, set.limit); });
    var scheduled = false;
    // Where a label may go, in pixels from its anchor: on it, then just above or below.
    var offsets = [0, -18, 18];
    function place() {
      scheduled = false;
      var x = map.scale('x'), y = map.scale('y');
      var width = map.width(), height = map.height();
      var boxes = [];
      function free(box) {
        return boxes.every(function (b) { return box.x1 <= b.x0 || box.x0 >= b.x1 || box.y1 <= b.y0 || box.y0 >= b.y1; });
      }
      var placed = labels.map(function (l, i) {
        var halfW = widths[i] / 2 + 3, halfH = 9;
        var px = x(l.x), py = y(l.y);
        var hidden = { theme: l.theme, label: l.label, x: l.x, y: l.y, size: l.size, lx: l.x, ly: l.y, shown: false };
        // An anchor outside the plot (zoomed away) has no label; one near an edge is moved in.
        if (!(px >= 0 && px <= width && py >= 0 && py <= height) || 2 * halfW > width) return hidden;
        var cx = Math.min(Math.max(px, halfW), width - halfW);
        for (var o = 0; o < offsets.length; o++) {
          var cy = Math.min(Math.max(py + offsets[o], halfH), height - halfH);
          var box = { x0: cx - halfW, x1: cx + halfW, y0: cy - halfH, y1: cy + halfH };
          if (free(box)) {
            boxes.push(box);
            return { theme: l.theme, label: l.label, x: l.x, y: l.y, size: l.size, lx: x.invert(cx), ly: y.invert(cy), shown: true };
          }
        }
        return hidden;
      });
      return map.data(set.data, placed).runAsync();
    }
    function schedule() {
      if (scheduled) return;
      scheduled = true;
      requestAnimationFrame(place);
    }
    if (set.zoom) map.addSignalListener(set.zoom, schedule);
    map.addResizeListener(schedule);
    return place().then(function () { return undefined; });
  }

  // Search: every word typed must occur in the title (case-insensitive, any position).
  var mapSpec = block(config.papersSpecId);
  var papers = mapSpec.data.values;
  if (config.undrawnPapersId) {
    var undrawn = block(config.undrawnPapersId);
    papers = papers.concat(undrawn.papers.map(function (row) {
      var paper = { title: row[0], theme: undrawn.themes[row[1]], score: row[2] };
      if (row[3]) paper.url = undrawn.urlPrefixes[row[3][0]] + row[3][1];
      if (row[4]) paper.loose_fit = true;
      return paper;
    }));
  }
  var scale = mapSpec.encoding.color.scale;
  var colorOf = {};
  scale.domain.forEach(function (name, i) { colorOf[name] = scale.range[i]; });
  var input = document.getElementById('search');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');

  function escapeRegExp(text) { return text.replace(/[.*+?^\${}()|[\\]\\\\]/g, '\\\\$&'); }
  function patternFor(text) {
    return text.toLowerCase().split(/\\s+/).filter(Boolean)
      .map(function (word) { return '(?=[\\\\s\\\\S]*' + escapeRegExp(word) + ')'; }).join('');
  }
  function search(text) {
    var pattern = patternFor(text);
    var done = views.map ? views.map.signal(config.searchSignal, pattern).runAsync() : Promise.resolve();
    while (list.firstChild) list.removeChild(list.firstChild);
    if (pattern === '') { status.textContent = ''; return done; }
    var re = new RegExp(pattern, 'i');
    var matches = papers.filter(function (p) { return re.test(p.title); });
    status.textContent = matches.length.toLocaleString('en') + ' of ' + papers.length.toLocaleString('en') +
      ' papers match' + (matches.length > config.searchListLimit ? ' (first ' + config.searchListLimit + ' listed)' : '');
    matches.slice(0, config.searchListLimit).forEach(function (p) {
      var item = document.createElement('li');
      var swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.background = colorOf[p.theme] || '#999';
      item.appendChild(swatch);
      var title = document.createElement(p.url ? 'a' : 'span');
      title.textContent = p.title;
      if (p.url) { title.href = p.url; title.rel = 'noopener noreferrer'; title.target = '_blank'; }
      item.appendChild(document.createTextNode(' '));
      item.appendChild(title);
      var theme = document.createElement('span');
      theme.className = 'theme-name';
      theme.textContent = ' ' + p.theme;
      item.appendChild(theme);
      list.appendChild(item);
    });
    return done;
  }
  var timer = null;
  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () { search(input.value); }, 120);
  });

  // Papers by theme: each list is filled from the map's data the first time it is opened.
  function paperItem(p) {
    var item = document.createElement('li');
    var title = document.createElement(p.url ? 'a' : 'span');
    title.textContent = p.title;
    if (p.url) { title.href = p.url; title.rel = 'noopener noreferrer'; title.target = '_blank'; }
    item.appendChild(title);
    if (p.loose_fit) {
      var mark = document.createElement('span');
      mark.className = 'loose-fit';
      mark.textContent = ' \u00b7 loose fit';
      item.appendChild(mark);
    }
    return item;
  }
  Array.prototype.forEach.call(document.querySelectorAll('details.theme-papers'), function (details) {
    details.addEventListener('toggle', function () {
      var list = details.querySelector('ol');
      if (!details.open || list.firstChild) return;
      var theme = details.getAttribute('data-theme');
      papers.filter(function (p) { return p.theme === theme; })
        .sort(function (a, b) { return b.score - a.score; })
        .forEach(function (p) { list.appendChild(paperItem(p)); });
    });
  });

  // Sortable tables: a header button sorts by its column; numbers by data-value.
  Array.prototype.forEach.call(document.querySelectorAll('table[data-sortable]'), function (table) {
    var headers = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(headers, function (th, column) {
      var button = th.querySelector('button');
      if (!button) return;
      button.addEventListener('click', function () {
        var ascending = th.getAttribute('aria-sort') !== 'ascending';
        Array.prototype.forEach.call(headers, function (other) { other.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        var numeric = th.getAttribute('data-type') === 'number';
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        function key(row) {
          var cell = row.cells[column];
          return numeric ? Number(cell.getAttribute('data-value')) : cell.textContent.toLowerCase();
        }
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          var order = numeric ? x - y : x.localeCompare(y);
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });

  window.paperThemes = { ready: ready, views: views, search: search, labelsPlaced: labelsPlaced, fitted: fitted };
})();
`;
