// Numeric questions: the learner types a number as their language writes it ("3,5" in German,
// "1,234.5" in English); it is kept as a number, and the right answer is shown the same way.
import S from '../strings-questions.js';
import { el, fmt, lang, num, styles } from '../course.js';

// The number in text written the language's way, or undefined. A lone "." or "," is the decimal
// sign unless it is the language's thousands sign followed by exactly three digits.
export function parseNumber(text, language = lang()) {
  const parts = new Intl.NumberFormat(language).formatToParts(12345.6);
  const group = parts.find((p) => p.type == 'group')?.value, decimal = parts.find((p) => p.type == 'decimal')?.value ?? '.';
  // Spaces, apostrophes (1'000) and currency signs (£50,000) say nothing about the number.
  let t = String(text).replace(/[\s'\u00a0\u202f\p{Sc}]/gu, '').replace(/[\u2212\u2012\u2013]/g, '-');
  const marks = t.match(/[.,]/g) ?? [];
  if (marks.length > 1) {
    // Several: the last different one is the decimal sign, the others group digits.
    const last = marks.at(-1), grouping = marks.slice(0, -1);
    if (grouping.some((m) => m == last) && new Set(marks).size > 1) return undefined;
    t = new Set(marks).size == 1 ? (last == group ? t.split(last).join('') : null) : t.split(grouping[0]).join('').replace(last, '.');
    if (t === null) return undefined;
  } else if (marks.length == 1) {
    t = marks[0] == group && /[.,]\d{3}$/.test(t) ? t.replace(group, '') : t.replace(marks[0], '.');
  }
  return /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t) ? Number(t) : undefined;
}

// The text without the question's unit written after the number ("5 g" when the unit is g):
// learners often type it, and it changes nothing.
export function withoutUnit(text, unit) {
  const t = String(text).trim(), u = (unit ?? '').trim();
  return u && t.toLowerCase().endsWith(u.toLowerCase()) ? t.slice(0, -u.length).trim() : t;
}

const typed = (fieldset, input) => withoutUnit(input.value, fieldset.querySelector('.cg-unit')?.textContent);

// Scoring's tokens (scoring.py: NumericQuestion): ok within the range of right numbers.
const scoring = {
  answer: (q, answer) => (typeof answer != 'number' || !Number.isFinite(answer) ? null : new Set([q.min <= answer && answer <= q.max ? 'ok' : 'no'])),
};

export function install(types, tokens) {
  styles(new URL('./numeric.css', import.meta.url).href);
  tokens.numeric = scoring;
  types.numeric = {
    read(fieldset) {
      const input = fieldset.querySelector('[data-cg-value]');
      const value = typed(fieldset, input);
      const n = value ? parseNumber(value) : undefined, bad = !!value && n === undefined;
      input.setAttribute('aria-invalid', String(bad));
      // Said at once, beside the field it is about (and read with it), not only after checking.
      // On a line of its own under the field, so a phone does not push it off the screen.
      const note = fieldset.querySelector('.cg-not-number') ?? input.closest('.cg-numeric').appendChild(el('span', '', 'cg-not-number'));
      if (!note.id) {
        note.id = `${input.id}-note`;
        // The unit stays part of what the field says about itself.
        input.setAttribute('aria-describedby', `${input.getAttribute('aria-describedby') ?? ''} ${note.id}`.trim());
      }
      note.textContent = bad ? fmt(S.not_a_number, { example: num(1234.5) }) : '';
      return n;
    },
    write(fieldset, q, answer) {
      const input = fieldset.querySelector('[data-cg-value]');
      // Saved as it is typed, not only when the field is left (Enter checks the answers at once).
      input.oninput ??= () => input.dispatchEvent(new Event('change', { bubbles: true }));
      // What the learner typed stays as typed while it means the same number.
      if (parseNumber(typed(fieldset, input)) !== answer) input.value = answer === undefined ? '' : num(answer, 10);
    },
    clean: (q, value) => (scoring.answer(q, value) ? value : undefined),
    mark(fieldset) {
      const shown = fieldset.querySelector('[data-cg-number]'), margin = Number(shown.dataset.cgMargin);
      shown.textContent = num(Number(shown.dataset.cgNumber), 10) + (margin ? ` ± ${num(margin, 10)}` : '');
    },
  };
}
