// The console's live connection: one EventSource per page. Each server-sent event names a topic ("burn",
// "radios", ...) and is re-dispatched on <body> as "sse:<topic>", which the page's parts listen for with
// hx-trigger="sse:<topic> from:body" and fetch themselves again. When the connection drops, a banner says so and
// the page reconnects by itself (at most every 5 s); once back, every part refreshes ("console:resync").
// Once the page is being left (a plain form such as sign out was submitted, or the browser is navigating away), it
// goes quiet: the live connection closes and no part refreshes. Otherwise a refresh answered after the sign out
// ended the session would carry the console's "sign in again" redirect, and following it would cancel the
// navigation under way (the operator would land on "session expired" instead of "signed out").
(function () {
  'use strict';
  const topics = ['burn', 'radios', 'streamers', 'simul', 'tracker', 'link', 'health', 'listening'];
  let source = null;
  let lostAt = null;
  let retryMs = 500;
  let leaving = false;

  function leave() {
    leaving = true;
    if (source !== null) { source.close(); }
  }

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
      if (response.status === 401 && !leaving) {
        window.location.href = '/console/sign-in?expired';
        return false;
      }
      return response.ok;
    } catch (e) {
      return null; // the scheduler does not answer at all
    }
  }

  function connect() {
    if (leaving) { return; }
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
      if (leaving) { source.close(); return; }
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

  // A submit that nothing cancelled (htmx and the pages' scripts cancel theirs on the form itself, before this
  // listener on the document hears it) is a navigation: the page is being left.
  document.addEventListener('submit', function (event) {
    if (!event.defaultPrevented) { leave(); }
  });
  window.addEventListener('beforeunload', leave);
  window.addEventListener('pagehide', leave);
  window.addEventListener('pageshow', function (event) {
    // Back from the browser's page cache: live again.
    if (event.persisted && leaving) { leaving = false; connect(); }
  });

  document.addEventListener('DOMContentLoaded', function () {
    document.body.addEventListener('htmx:configRequest', csrf);
    // While the page is being left: no new part requests, and no answer (or its redirect) acted upon.
    document.body.addEventListener('htmx:beforeRequest', function (event) {
      if (leaving) { event.preventDefault(); }
    });
    document.body.addEventListener('htmx:beforeOnLoad', function (event) {
      if (leaving) { event.preventDefault(); }
    });
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
    if (!document.body.classList.contains('sign-in-page') && !leaving) { connect(); }
  });
})();
