// Diagnostics: the result is assembled from the outcome and note sections the
// build already rendered (cloned, never rebuilt from strings), plus the
// reasons and scores that scoring.js works out.
import { scoreDiagnostic } from './scoring.js';
import { el, mount } from './storage.js';

// A clone would repeat the original's ids and the labels that point at them.
const copy = (node) => {
  const clone = node.cloneNode(true);
  for (const n of [clone, ...clone.querySelectorAll('[id], [aria-labelledby]')]) n.removeAttribute('id'), n.removeAttribute('aria-labelledby');
  return clone;
};

export function init(section, payload) {
  const result = section.querySelector('[data-cg-result]');
  const library = section.querySelector('.cg-outcomes');
  const title = (id) => payload.outcomes.find((o) => o.id === id)?.title ?? id;
  const find = (attr, id) => [...library.querySelectorAll(`[${attr}]`)].find((n) => n.getAttribute(attr) === id);

  function clear() {
    result.removeAttribute('data-cg-outcome');
  }

  function show(answers) {
    const score = scoreDiagnostic(payload, answers);
    result.dataset.cgOutcome = score.outcome;
    const source = find('data-cg-outcome', score.outcome);
    const outcome = source ? copy(source) : el('section', '', 'cg-outcome');
    const heading = outcome.querySelector('h3') || outcome.insertBefore(el('h3', title(score.outcome)), outcome.firstChild);
    heading.prepend(el('span', 'Your result', 'cg-kicker'));
    result.append(outcome);

    if (score.missing.length) {
      const box = el('div', '', 'cg-missing');
      const list = el('ul');
      for (const id of score.missing) {
        const item = el('li'), link = item.appendChild(el('a', payload.questions.find((q) => q.id === id).prompt));
        link.href = `#cg-${payload.id}-${id}`;
        list.append(item);
      }
      const n = score.missing.length;
      box.append(el('p', `You left ${n} ${n === 1 ? 'question' : 'questions'} unanswered, so this result is less certain. Answer ${n === 1 ? 'it' : 'them'} and show your result again:`), list);
      heading.after(box);
    }

    result.append(el('h4', 'Why this result'));
    if (score.reasons.length) {
      const list = el('ul', '', 'cg-reasons');
      for (const { question, option } of score.reasons) {
        const q = payload.questions.find((x) => x.id === question), o = q.options.find((x) => x.id === option);
        list.append(el('li', o.reason ?? `${q.prompt}: ${o.text}`));
      }
      result.append(list);
    } else {
      result.append(el('p', 'Your answers did not point clearly to one result, so this is the suggested starting point.'));
    }
    if (score.runnerUp) result.append(el('p', `Second choice: ${title(score.runnerUp)}`, 'cg-runner-up'));

    for (const id of score.notes) {
      const note = find('data-cg-note', id);
      if (note) result.append(copy(note));
    }

    // Bars are decoration; every number is also written out as text.
    result.append(el('h4', 'How each result scored'));
    const chart = el('ul', '', 'cg-chart');
    const top = Math.max(1, ...Object.values(score.scores));
    for (const id of [...score.ranking, ...score.excluded]) {
      const out = score.excluded.includes(id), points = score.scores[id];
      const row = el('li', '', id === score.outcome ? 'cg-win' : out ? 'cg-out' : '');
      const bar = el('span', '', 'cg-bar');
      bar.setAttribute('aria-hidden', 'true');
      bar.appendChild(el('span')).style.width = `${out ? 0 : (100 * Math.max(0, points)) / top}%`;
      const value = out ? 'ruled out by your answers' : `${points} ${Math.abs(points) === 1 ? 'point' : 'points'}`;
      row.append(el('span', title(id), 'cg-label'), bar, el('span', id === score.outcome ? `${value} (your result)` : value, 'cg-value'));
      chart.append(row);
    }
    result.append(chart);
  }

  mount(section, payload, { show, clear });
}
