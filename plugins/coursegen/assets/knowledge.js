// Feedback and explanations are in the markup, hidden; checking reveals them.
import { scoreKnowledge } from './scoring.js';
import S from './strings.js';
import { el, fmt, mount } from './storage.js';

export function init(section, payload) {
  const result = section.querySelector('[data-cg-result]');

  // No score: back to unchecked.
  function paint(score, answers) {
    for (const fieldset of section.querySelectorAll('[data-cg-question]')) {
      const id = fieldset.dataset.cgQuestion, line = fieldset.querySelector('[data-cg-status]');
      const status = score?.questions.find((q) => q.id === id)?.status;
      const correct = payload.questions.find((q) => q.id === id)?.correct ?? [];
      status ? (fieldset.dataset.cgState = status) : fieldset.removeAttribute('data-cg-state');
      line.textContent = status ? S[status] : '';
      line.hidden = fieldset.querySelector('[data-cg-explanation]').hidden = !status;
      for (const mark of fieldset.querySelectorAll('.cg-mark')) mark.remove();
      for (const option of fieldset.querySelectorAll('.cg-option')) {
        const key = option.dataset.cgOption, right = !!status && correct.includes(key);
        option.classList.toggle('cg-correct', right);
        option.querySelector('[data-cg-feedback]').hidden = !(status && answers[id]?.includes(key));
        // In words inside the label: not colour alone, and read with the option.
        if (right) option.querySelector('label').append(el('span', S.correct_answer, 'cg-mark'));
      }
    }
  }

  function show(answers) {
    const score = scoreKnowledge(payload, answers), { points, total, percent, passed } = score;
    paint(score, answers);
    result.dataset.cgPassed = passed;
    result.append(
      el('p', fmt(S.your_score, { percent }), 'cg-score'),
      el('p', fmt(S.points, { points, total, pass: payload.passMark })),
      el('p', passed ? S.passed : S.not_passed),
    );
    // course.js completes the lesson whose check this is.
    if (passed) document.dispatchEvent(new CustomEvent('cg:progress', { detail: payload.id }));
    return score;
  }

  mount(section, payload, { show, clear: () => (paint(null), result.removeAttribute('data-cg-passed')) });
}
