// The simul page: a datetime-local input has no zone, so the browser's own zone goes with it (the server turns the
// two into an instant); the agreed start instant is shown in the browser's local time as well.
(function () {
  'use strict';
  function localise() {
    let zone = '';
    try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone || ''; } catch (e) { zone = ''; }
    document.querySelectorAll('input.browser-zone').forEach(function (input) { input.value = zone; });
    const label = document.getElementById('at-zone');
    if (label && zone) { label.textContent = '(your local time, ' + zone + ')'; }
    const start = document.getElementById('simul-start-at');
    if (start && !start.dataset.localised) {
      start.dataset.localised = 'true';
      start.title = start.textContent;
      start.textContent = new Date(start.getAttribute('datetime')).toLocaleString() + ' (' + start.title + ')';
    }
  }
  document.addEventListener('DOMContentLoaded', function () {
    localise();
    document.body.addEventListener('htmx:afterSettle', localise);
  });
})();
