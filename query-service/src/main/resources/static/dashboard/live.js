// Alert transitions as they happen (SSE). While the connection is merely broken (the service restarts,
// the network drops) the browser's EventSource retries by itself and sends Last-Event-ID, so the
// service replays what was missed, in order. If the service answers with an error instead (EventSource
// then gives up for good), this opens a new one resuming from the last id itself (lastEventId parameter),
// unless the session has ended, which it reports as signed out.

import { me, SignedOut } from './api.js';

const RETRY_MS = [1000, 2000, 4000, 8000];

/**
 * @param onTransition called with each transition (already parsed), in id order
 * @param onState called with 'connecting' | 'connected' | 'reconnecting' | 'signed-out'
 */
export function follow({ onTransition, onState }) {
  let lastEventId = null;
  let failures = 0;
  let everConnected = false;

  function open() {
    const url = '/api/v1/alerts/stream' + (lastEventId ? `?lastEventId=${encodeURIComponent(lastEventId)}` : '');
    const source = new EventSource(url, { withCredentials: true });
    onState(everConnected ? 'reconnecting' : 'connecting');
    source.onopen = () => {
      failures = 0;
      everConnected = true;
      onState('connected');
    };
    source.addEventListener('alert-transition', (event) => {
      lastEventId = event.lastEventId || lastEventId;
      try {
        onTransition(JSON.parse(event.data), Date.now());
      } catch (e) {
        console.error('an alert transition the page could not show', e);
      }
    });
    source.onerror = () => {
      if (source.readyState !== EventSource.CLOSED) {
        onState('reconnecting'); // the browser retries with Last-Event-ID
        return;
      }
      source.close();
      onState('reconnecting');
      const delay = RETRY_MS[Math.min(failures++, RETRY_MS.length - 1)];
      setTimeout(async () => {
        try {
          await me();
          open();
        } catch (e) {
          if (e instanceof SignedOut) {
            onState('signed-out');
          } else {
            open(); // not reachable yet: try again, later each time
          }
        }
      }, delay);
    };
  }

  open();
}
