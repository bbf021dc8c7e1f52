// The console's live connection: one EventSource per page. Each server-sent event names a topic ("burn",
// "radios", ...) and is re-dispatched on <body> as "sse:<topic>", which the page's parts listen for with
// hx-trigger="sse:<topic> from:body" and fetch themselves again. When the connection drops, a banner says so and
// the page reconnects by itself (at most every 5 s); once back, every part refreshes ("console:resync").
(function () {
  'use strict';
  const topics = ['burn', 'radios', 'streamers', 'simul', 'tracker', 'link', 'health', 'listening'];
  let source = null;
  let lostAt = null;
  let retryMs = 500;

  function banner(text, state) {
    const element = document.getElementById('connection');
    if (!element) { return; }
    element.textContent = text || '';
    element.hidden = !text;
    element.dataset.state = state || '';
  }

  async function stillSignedIn() {
    try {
      const response = await fetch('/console/session', { headers: { 'HX-Request': 'true' }, cache: 'no-store' });
      if (response.status === 401) {
        window.location.href = '/console/sign-in?expired';
        return false;
      }
      return response.ok;
    } catch (e) {
      return null; // the scheduler does not answer at all
    }
  }

  function connect() {
    source = new EventSource('/console/events');
    source.addEventListener('hello', function () {
      retryMs = 500;
      if (lostAt !== null) {
        lostAt = null;
        banner('', '');
        document.body.dispatchEvent(new CustomEvent('console:resync'));
      }
      document.body.dataset.live = 'true';
    });
    topics.forEach(function (topic) {
      source.addEventListener(topic, function () {
        document.body.dispatchEvent(new CustomEvent('sse:' + topic));
      });
    });
    source.onerror = function () {
      document.body.dataset.live = 'false';
      if (lostAt === null) { lostAt = Date.now(); }
      banner('Connection to the scheduler lost: reconnecting… What you see may be out of date.', 'lost');
      source.close();
      stillSignedIn().finally(function () {
        setTimeout(connect, retryMs);
        retryMs = Math.min(retryMs * 2, 5000);
      });
    };
  }

  function csrf(event) {
    const token = document.querySelector('meta[name="csrf-token"]');
    const header = document.querySelector('meta[name="csrf-header"]');
    if (token && header) { event.detail.headers[header.content] = token.content; }
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.body.addEventListener('htmx:configRequest', csrf);
    // A part that fails to load says so in place instead of silently keeping stale content.
    document.body.addEventListener('htmx:sendError', function () {
      banner('The scheduler did not answer: reconnecting… What you see may be out of date.', 'lost');
    });
    document.body.addEventListener('htmx:beforeSwap', function (event) {
      const status = event.detail.xhr.status;
      // Refusals (400, 404, 409, 500) come with a page part that explains them: show it.
      if (status === 400 || status === 404 || status === 409 || status === 422 || status === 500) {
        event.detail.shouldSwap = true;
        event.detail.isError = false;
      }
    });
    if (!document.body.classList.contains('sign-in-page')) { connect(); }
  });
})();
