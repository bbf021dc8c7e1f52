// The burn farm page's own behaviour, on top of console.js. Every progress step re-renders the burners and the
// queue; two things must survive that: a burner name an operator is typing (the burners part waits while focus is in
// a rename form, and refreshes once it leaves) and the verdicts and job histories an operator has opened (opened
// again after each refresh, which also reloads a history). Focus stays put by itself: htmx restores it by id.
(function () {
  'use strict';
  let heldBack = false;
  const openDetails = new Set();

  function editing() {
    const active = document.activeElement;
    return active !== null && active.closest('#burners form.rename') !== null;
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.body.addEventListener('htmx:beforeRequest', function (event) {
      const element = event.detail.elt;
      if (element && element.id === 'burners' && editing()) {
        event.preventDefault();
        heldBack = true;
      }
    });
    document.body.addEventListener('focusout', function () {
      // Where the focus lands is known only after this event.
      setTimeout(function () {
        if (heldBack && !editing()) {
          heldBack = false;
          document.body.dispatchEvent(new CustomEvent('burn:refresh'));
        }
      }, 0);
    });
    // "toggle" does not bubble: listen in the capture phase.
    document.addEventListener('toggle', function (event) {
      const details = event.target;
      if (details instanceof HTMLDetailsElement && details.id) {
        if (details.open) { openDetails.add(details.id); } else { openDetails.delete(details.id); }
      }
    }, true);
    document.body.addEventListener('htmx:afterSettle', function () {
      openDetails.forEach(function (id) {
        const details = document.getElementById(id);
        if (details && !details.open) { details.open = true; }
      });
    });
  });
})();
