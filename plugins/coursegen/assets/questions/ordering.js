// Ordering questions: each item has a position select and Up/Down buttons, never dragging
// alone (WCAG 2.2, 2.5.7). The answer is the items' ids in the order shown; until the learner
// moves one, the question is unanswered.
import S from '../strings-questions.js';
import { el, fmt, styles } from '../course.js';

const items = (fieldset) => [...fieldset.querySelectorAll('[data-cg-order] > [data-cg-item]')];
const text = (li) => li.querySelector('.cg-item-text').textContent.trim();
const idOf = (li) => li.dataset.cgItem;
const shown = new WeakMap(); // each fieldset's order as the page first showed it

function place(fieldset) {
  const list = items(fieldset);
  list.forEach((li, i) => {
    li.querySelector('[data-cg-position]').value = String(i + 1);
    // aria-disabled, not disabled: the button keeps the focus at either end of the list, so a
    // key held down does not hand it to the other button and move the item back.
    const [up, down] = li.querySelectorAll('[data-cg-step]');
    up.setAttribute('aria-disabled', i == 0);
    down.setAttribute('aria-disabled', i == list.length - 1);
  });
}

// Moves an item to a position (0-based), says where it went, keeps focus on the control used.
function move(fieldset, li, to, control) {
  const list = items(fieldset).filter((x) => x != li);
  to = Math.max(0, Math.min(to, list.length));
  fieldset.querySelector('[data-cg-order]').insertBefore(li, list[to] ?? null);
  fieldset.dataset.cgMoved = '';
  place(fieldset);
  fieldset.querySelector('[data-cg-live]').textContent = fmt(S.moved_to, { item: text(li), n: to + 1, total: list.length + 1 });
  control?.focus();
  li.dispatchEvent(new Event('change', { bubbles: true }));
}

function wire(fieldset) {
  if (shown.has(fieldset)) return;
  shown.set(fieldset, items(fieldset).map(idOf));
  fieldset.addEventListener('click', ({ target }) => {
    const step = target.closest('[data-cg-step]:not([aria-disabled=true])'), li = step?.closest('[data-cg-item]');
    if (li) move(fieldset, li, items(fieldset).indexOf(li) + Number(step.dataset.cgStep), step);
  });
  // Capture: the item moves before the form's change listener reads the order.
  fieldset.addEventListener('change', (event) => {
    const select = event.target.closest('[data-cg-position]');
    if (!select) return;
    event.stopPropagation();
    move(fieldset, select.closest('[data-cg-item]'), Number(select.value) - 1, select);
  }, true);
}

const pairs = (items) => items.flatMap((a, i) => items.slice(i + 1).map((b) => `${a}<${b}`));

// Scoring's tokens (scoring.py: OrderingQuestion): each pair as the learner ordered it. An answer
// of the question's own items, as many as there are and each of them, is an order of exactly them.
const scoring = {
  answer: (q, a) => (Array.isArray(a) && a.length == q.items.length && q.items.every((i) => a.includes(i)) ? new Set(pairs(a)) : null),
  correct: (q) => new Set(pairs(q.items)),
};

export function install(types, tokens) {
  styles(new URL('./ordering.css', import.meta.url).href);
  tokens.ordering = scoring;
  types.ordering = {
    read: (fieldset) => (fieldset.dataset.cgMoved === undefined ? undefined : items(fieldset).map(idOf)),
    write(fieldset, q, answer) {
      wire(fieldset);
      const order = answer ?? shown.get(fieldset), now = items(fieldset);
      // Moving nodes that are already in place would take the focus away from them.
      if (order.join() != now.map(idOf).join()) {
        for (const id of order) fieldset.querySelector('[data-cg-order]').append(now.find((li) => idOf(li) == id));
      }
      answer ? (fieldset.dataset.cgMoved = '') : delete fieldset.dataset.cgMoved;
      place(fieldset);
    },
    clean: (q, value) => (scoring.answer(q, value) ? [...value] : undefined),
    // Each item says, in words, whether it is in its place.
    mark(fieldset, q, status) {
      items(fieldset).forEach((li, i) => {
        const right = idOf(li) == q.items[i];
        li.classList.toggle('cg-correct', !!status && right);
        if (status) li.querySelector('.cg-item-text').append(el('span', right ? S.right_place : S.wrong_place, right ? 'cg-mark' : 'cg-mark cg-no'));
      });
    },
  };
}
