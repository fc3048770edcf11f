// "Mark this lesson as read", on a lesson without a knowledge check: course.js fetches
// this only there (every lesson with a check is completed by passing it).
import S from './strings.js';
import { P, entry, follows, record, store, tick } from './course.js';

// first: the visit course.js recorded, [entry, saved].
export function init(box, first) {
  const id = box.dataset.cgLesson, button = box.querySelector('[data-cg-read]'), note = box.querySelector('[data-cg-read-done]');
  // Unsaved (storage full or refused), the button stays, to try again.
  const show = ([e, ok]) => {
    button.hidden = !!e.c && ok;
    note.hidden = !e.c;
    note.textContent = ok ? S.marked_read : `${S.marked_read} ${S.full}`;
  };
  show(first);
  button.addEventListener('click', () => {
    show(record(id, true));
    tick();
    note.tabIndex = -1;
    note.focus();
  });
  // Marked in another tab, or cleared by a Reset: shown here too.
  follows.set(box, () => show([entry(store(P + id)) || {}, true]));
}
