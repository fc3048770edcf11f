// Hints: each question's hints are <details>, usable without JavaScript. Here they are offered
// one at a time, in order; each one opened is counted (it may cost points) and kept (st.h).
import { styles } from './course.js';

export const install = () => styles(new URL('./hints.css', import.meta.url).href);

export const extra = {
  show({ section, st, save, show }) {
    for (const box of section.querySelectorAll('[data-cg-hints]')) {
      const id = box.closest('[data-cg-question]').dataset.cgQuestion, n = st.h[id] || 0;
      for (const hint of box.querySelectorAll('[data-cg-hint]')) {
        const k = Number(hint.dataset.cgHint);
        if (!hint.dataset.cgWired) {
          hint.dataset.cgWired = '';
          hint.addEventListener('toggle', () => {
            if (!hint.open || (st.h[id] || 0) >= k) return;
            st.h[id] = k;
            save();
            show();
          });
        }
        // The ones seen stay open; the next is offered; later ones wait.
        hint.hidden = k > n + 1;
        hint.open = k <= n;
      }
    }
  },
  // Another try starts with no hint seen.
  retry: ({ st }) => (st.h = {}),
};
