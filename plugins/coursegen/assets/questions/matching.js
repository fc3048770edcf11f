// Matching questions: a select per item. The answer maps each item chosen so far to its choice.
import S from '../strings.js';
import { el, styles } from '../course.js';

const selects = (fieldset) => [...fieldset.querySelectorAll('select[data-cg-item]')];

// Scoring's tokens (scoring.py: MatchingQuestion): each item=choice made.
const scoring = {
  answer(q, answer) {
    if (typeof answer != 'object' || answer === null || Array.isArray(answer)) return null;
    const picked = q.items.filter((i) => Object.hasOwn(answer, i) && typeof answer[i] == 'string' && q.choices.includes(answer[i]));
    return picked.length ? new Set(picked.map((i) => `${i}=${answer[i]}`)) : null;
  },
  correct: (q) => new Set(Object.entries(q.correct).map(([i, c]) => `${i}=${c}`)),
};

export function install(types, tokens) {
  styles(new URL('./matching.css', import.meta.url).href);
  tokens.matching = scoring;
  types.matching = {
    read(fieldset) {
      const out = {};
      for (const s of selects(fieldset)) if (s.value) out[s.dataset.cgItem] = s.value;
      return Object.keys(out).length ? out : undefined;
    },
    write(fieldset, q, answer) {
      for (const s of selects(fieldset)) s.value = (answer && Object.hasOwn(answer, s.dataset.cgItem) && answer[s.dataset.cgItem]) || '';
    },
    clean(q, value) {
      if (typeof value != 'object' || value === null || Array.isArray(value)) return undefined;
      const out = {};
      for (const id of q.items) if (Object.hasOwn(value, id) && q.choices.includes(value[id])) out[id] = value[id];
      return Object.keys(out).length ? out : undefined;
    },
    // Each pair says, in words, whether its match is right.
    mark(fieldset, q, status, answer) {
      for (const pair of fieldset.querySelectorAll('.cg-pair')) {
        const id = pair.dataset.cgItem, right = !!status && answer?.[id] == q.correct[id];
        pair.classList.toggle('cg-correct', right);
        pair.querySelector('[data-cg-answer]').hidden = !status || right;
        if (status) pair.querySelector('label').append(el('span', right ? S.right : answer?.[id] ? S.wrong : S.unanswered, right ? 'cg-mark' : 'cg-mark cg-no'));
      }
    },
  };
}
