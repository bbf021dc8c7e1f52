// The listening page's chart: fetches the points of the chosen range from the URL on #chart and draws one uPlot
// line per radio, as wide as its card (redrawn on resize). A first visit without a time zone in its address is
// reloaded once with the browser's zone, so the range fields are read in the zone the operator lives in.
// Live: when a session starts or ends ("sse:listening", or "console:resync" after a lost connection) the page's own
// address is fetched again and its sessions part and chart are replaced; the range form is left alone (the operator
// may be typing). A range without an end in its address follows now; one with an end keeps showing that range.
(function () {
  'use strict';
  const COLOURS = ['#1f5fbf', '#b3261e', '#1b7a3d', '#9a6100', '#6b3fa0', '#00838f', '#c2185b', '#5d4037', '#455a64', '#7c8a00'];

  function browserZone() {
    try { return Intl.DateTimeFormat().resolvedOptions().timeZone || null; } catch (e) { return null; }
  }

  function adoptBrowserZone() {
    const params = new URLSearchParams(window.location.search);
    const zone = browserZone();
    const field = document.getElementById('tz');
    if (params.has('tz') || !zone || !field || field.value === zone) { return false; }
    params.set('tz', zone);
    window.location.replace(window.location.pathname + '?' + params.toString());
    return true;
  }

  function say(holder, text) {
    holder.textContent = '';
    const p = document.createElement('p');
    p.className = 'muted';
    p.textContent = text;
    holder.appendChild(p);
  }

  function summary(data) {
    const element = document.getElementById('chart-summary');
    if (!element) { return; }
    if (data.series.length === 0) {
      element.textContent = 'Nobody listened in this range.';
      return;
    }
    const peaks = data.series.map(function (line) {
      return line.name + ': at most ' + Math.max.apply(null, line.counts);
    });
    element.textContent = data.sessions + ' sessions. ' + peaks.join('; ') + '.'
      + (data.capped ? ' Only the first ' + data.sessions + ' sessions are counted: choose a shorter range.' : '');
  }

  let plot = null;

  function draw(holder, data) {
    if (plot) { plot.destroy(); plot = null; }
    holder.textContent = '';
    const lines = [data.times].concat(data.series.map(function (line) { return line.counts; }));
    const series = [{}].concat(data.series.map(function (line, i) {
      return { label: line.name, stroke: COLOURS[i % COLOURS.length], width: 2, points: { show: false } };
    }));
    if (data.series.length === 0) {
      lines.push(data.times.map(function () { return 0; }));
      series.push({ label: 'listeners', stroke: '#9aa3b2', width: 1 });
    }
    const options = {
      width: Math.max(200, holder.clientWidth),
      height: 300,
      series: series,
      scales: { x: { time: true }, y: { range: function (u, min, max) { return [0, Math.max(1, max)]; } } },
      // Listeners are whole people: ticks at whole numbers only.
      axes: [{}, { label: 'listeners', size: 50, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000] }],
      tzDate: function (ts) { return uPlot.tzDate(new Date(ts * 1000), data.zone); }
    };
    plot = new uPlot(options, lines, holder);
    summary(data);
  }

  let resizing = null;
  window.addEventListener('resize', function () {
    if (resizing) { cancelAnimationFrame(resizing); }
    resizing = requestAnimationFrame(function () {
      const holder = document.getElementById('chart');
      if (plot && holder) { plot.setSize({ width: Math.max(200, holder.clientWidth), height: 300 }); }
    });
  });

  function load(holder) {
    return fetch(holder.dataset.seriesUrl, { headers: { 'Accept': 'application/json', 'HX-Request': 'true' }, cache: 'no-store' })
      .then(function (response) {
        if (response.status === 401) {
          window.location.href = '/console/sign-in?expired';
          return null;
        }
        if (!response.ok) { throw new Error('HTTP ' + response.status); }
        return response.json();
      })
      .then(function (data) { if (data) { draw(holder, data); } })
      .catch(function (e) { say(holder, 'The chart could not be loaded (' + e.message + '); reload the page to try again.'); });
  }

  // One refresh at a time; a change announced meanwhile is fetched once the running one is done.
  let refreshing = false;
  let again = false;

  function refresh() {
    if (refreshing) { again = true; return; }
    refreshing = true;
    fetch(window.location.href, { headers: { 'HX-Request': 'true' }, cache: 'no-store' })
      .then(function (response) {
        if (response.status === 401) {
          window.location.href = '/console/sign-in?expired';
          return null;
        }
        if (!response.ok) { throw new Error('HTTP ' + response.status); }
        return response.text();
      })
      .then(function (html) {
        if (html === null) { return null; }
        const fresh = new DOMParser().parseFromString(html, 'text/html');
        const sessions = document.getElementById('sessions');
        const freshSessions = fresh.getElementById('sessions');
        if (sessions && freshSessions) { sessions.replaceWith(document.importNode(freshSessions, true)); }
        const holder = document.getElementById('chart');
        const freshChart = fresh.getElementById('chart');
        if (holder && freshChart && typeof uPlot !== 'undefined') {
          holder.dataset.seriesUrl = freshChart.dataset.seriesUrl;
          return load(holder);
        }
        return null;
      })
      .catch(function () { /* the connection banner says the scheduler is away; the next push tries again */ })
      .finally(function () {
        refreshing = false;
        if (again) { again = false; refresh(); }
      });
  }

  document.addEventListener('DOMContentLoaded', function () {
    if (adoptBrowserZone()) { return; }
    const holder = document.getElementById('chart');
    if (!holder || typeof uPlot === 'undefined') { return; }
    load(holder);
    document.body.addEventListener('sse:listening', refresh);
    document.body.addEventListener('console:resync', refresh);
  });
})();
