// The radio screens' progress bars move every second between the server's updates: each bar carries when its song
// started and ends (epoch ms) and the server's clock when it was drawn, so a browser whose clock is off still shows
// the server's progress. A part swapped in by htmx brings fresh values; this only interpolates.
(function () {
  'use strict';

  function clock(seconds) {
    const s = Math.max(0, Math.floor(seconds));
    return Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0');
  }

  function tick() {
    document.querySelectorAll('[data-end-time]').forEach(function (element) {
      const start = Number(element.dataset.playTime);
      const end = Number(element.dataset.endTime);
      if (!(end > start)) { return; }
      if (element.dataset.offset === undefined) {
        element.dataset.offset = String(Number(element.dataset.serverNow) - Date.now());
      }
      const now = Date.now() + Number(element.dataset.offset);
      const done = Math.min(1, Math.max(0, (now - start) / (end - start)));
      if (element.tagName === 'PROGRESS') {
        element.value = Math.round(done * 1000);
      } else {
        element.textContent = clock((Math.min(now, end) - start) / 1000) + ' / ' + clock((end - start) / 1000);
      }
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    tick();
    setInterval(tick, 1000);
    document.body.addEventListener('htmx:afterSwap', tick);
  });
})();
