// Short-answer questions: one line of text, kept as typed and compared normalised.
import { styles } from '../course.js';

// As short_answer.py: lower case, no accents, spaces spelled out (JavaScript's \s is not Python's).
const SPACES = /[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+/g;
export const normalise = (text) => text.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(SPACES, ' ').replace(/^ | $/g, '');

// Scoring's tokens (scoring.py: ShortAnswerQuestion): ok for an accepted answer, at most 200
// code points (not UTF-16 units, as Python slices), the pattern matched whole.
const scoring = {
  answer(q, answer) {
    const text = typeof answer == 'string' ? normalise([...answer].slice(0, 200).join('')) : '';
    if (!text) return null;
    return new Set([q.accepted.includes(text) || (q.pattern !== null && new RegExp(`^(?:${q.pattern})$`).test(text)) ? 'ok' : 'no']);
  },
};


export function install(types, tokens) {
  styles(new URL('./short-answer.css', import.meta.url).href);
  tokens['short-answer'] = scoring;
  types['short-answer'] = {
    read(fieldset) {
      const value = fieldset.querySelector('[data-cg-value]').value.trim();
      return value ? [...value].slice(0, 200).join('') : undefined;
    },
    write(fieldset, q, answer) {
      const input = fieldset.querySelector('[data-cg-value]');
      // Saved as it is typed, not only when the field is left (Enter checks the answers at once).
      input.oninput ??= () => input.dispatchEvent(new Event('change', { bubbles: true }));
      if (input.value.trim() !== (answer ?? '')) input.value = answer ?? '';
    },
    clean: (q, value) => (typeof value == 'string' && value.trim() && [...value].length <= 200 ? value : undefined),
    mark() {},
  };
}
