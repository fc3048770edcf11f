// Feedback and explanations are in the markup, hidden; checking reveals them.
import { scoreKnowledge } from './scoring.js';
import { el, mount } from './storage.js';

const STATUS = { right: 'Right', partial: 'Partly right', wrong: 'Wrong', unanswered: 'Not answered' };

export function init(section, payload) {
  const result = section.querySelector('[data-cg-result]');

  // No score: back to unchecked.
  function paint(score, answers) {
    for (const fieldset of section.querySelectorAll('[data-cg-question]')) {
      const id = fieldset.dataset.cgQuestion, line = fieldset.querySelector('[data-cg-status]');
      const status = score?.questions.find((q) => q.id === id)?.status;
      const correct = payload.questions.find((q) => q.id === id)?.correct ?? [];
      status ? (fieldset.dataset.cgState = status) : fieldset.removeAttribute('data-cg-state');
      line.textContent = STATUS[status] ?? '';
      line.hidden = fieldset.querySelector('[data-cg-explanation]').hidden = !status;
      for (const mark of fieldset.querySelectorAll('.cg-mark')) mark.remove();
      for (const option of fieldset.querySelectorAll('.cg-option')) {
        const key = option.dataset.cgOption, right = !!status && correct.includes(key);
        option.classList.toggle('cg-correct', right);
        option.querySelector('[data-cg-feedback]').hidden = !(status && answers[id]?.includes(key));
        // In words inside the label: not colour alone, and read with the option.
        if (right) option.querySelector('label').append(el('span', 'Correct answer', 'cg-mark'));
      }
    }
  }

  function show(answers) {
    const score = scoreKnowledge(payload, answers), { points, total, percent, passed } = score;
    paint(score, answers);
    result.dataset.cgPassed = passed;
    result.append(
      el('p', `Your score: ${percent}%`, 'cg-score'),
      el('p', `${points} of ${total} ${total === 1 ? 'point' : 'points'}. Pass mark: ${payload.passMark}%.`),
      el('p', passed ? 'Passed. Well done.' : 'Not passed yet. Read the feedback above, then try again.'),
    );
  }

  mount(section, payload, { show, clear: () => (paint(null), result.removeAttribute('data-cg-passed')) });
}
