// Diagnostics: the result is assembled from the outcome and note sections the
// build already rendered (cloned, never rebuilt from strings), plus the
// reasons and scores that diagnosis.js works out. A share link (#r=…) shows
// someone else's result read-only, never touching the learner's own answers.
import T from './strings-tools.js';
import { scoreDiagnostic } from './diagnosis.js';
import { parseShare, shareFragment } from './exchange.js';
import { styles } from './tools-style.js';
import { el, fmt, mount } from './storage.js';

// A clone would repeat the original's ids and the labels that point at them.
const copy = (node) => {
  const clone = node.cloneNode(true);
  for (const n of [clone, ...clone.querySelectorAll('[id], [aria-labelledby]')]) n.removeAttribute('id'), n.removeAttribute('aria-labelledby');
  return clone;
};

const button = (text, className = 'md-button') => Object.assign(el('button', text, className), { type: 'button' });

export function init(section, payload) {
  styles();
  const result = section.querySelector('[data-cg-result]');
  const library = section.querySelector('.cg-outcomes');
  const title = (id) => payload.outcomes.find((o) => o.id === id)?.title ?? id;
  const find = (attr, id) => [...library.querySelectorAll(`[${attr}]`)].find((n) => n.getAttribute(attr) === id);

  function draw(target, answers, own) {
    const score = scoreDiagnostic(payload, answers);
    target.dataset.cgOutcome = score.outcome;
    const source = find('data-cg-outcome', score.outcome);
    const outcome = source ? copy(source) : el('section', '', 'cg-outcome');
    const heading = outcome.querySelector('h3') || outcome.insertBefore(el('h3', title(score.outcome)), outcome.firstChild);
    heading.prepend(el('span', own ? T.your_result : T.shared_title, 'cg-kicker'));
    target.append(outcome);

    if (own && score.missing.length) {
      const box = el('div', '', 'cg-missing');
      const list = el('ul');
      for (const id of score.missing) {
        const item = el('li'), link = item.appendChild(el('a', payload.questions.find((q) => q.id === id).prompt));
        link.href = `#cg-${payload.id}-${id}`;
        list.append(item);
      }
      box.append(el('p', fmt(T.missing, { n: score.missing.length })), list);
      heading.after(box);
    }

    target.append(el('h4', T.why));
    if (score.reasons.length) {
      const list = el('ul', '', 'cg-reasons');
      for (const { question, option } of score.reasons) {
        const q = payload.questions.find((x) => x.id === question), o = q.options.find((x) => x.id === option);
        list.append(el('li', o.reason ?? `${q.prompt}: ${o.text}`));
      }
      target.append(list);
    } else {
      target.append(el('p', T.unclear));
    }
    if (score.runnerUp) target.append(el('p', fmt(T.second, { title: title(score.runnerUp) }), 'cg-runner-up'));

    for (const id of score.notes) {
      const note = find('data-cg-note', id);
      if (note) target.append(copy(note));
    }

    // Bars are decoration; every number is also written out as text.
    target.append(el('h4', T.how_scored));
    const chart = el('ul', '', 'cg-chart');
    const top = Math.max(1, ...Object.values(score.scores));
    for (const id of [...score.ranking, ...score.excluded]) {
      const out = score.excluded.includes(id), points = score.scores[id];
      const row = el('li', '', id === score.outcome ? 'cg-win' : out ? 'cg-out' : '');
      const bar = el('span', '', 'cg-bar');
      bar.setAttribute('aria-hidden', 'true');
      bar.appendChild(el('span')).style.width = `${out ? 0 : (100 * Math.max(0, points)) / top}%`;
      const value = out ? T.ruled_out : fmt(T.score_points, { points });
      row.append(el('span', title(id), 'cg-label'), bar, el('span', id === score.outcome ? fmt(T.yours, { value }) : value, 'cg-value'));
      chart.append(row);
    }
    target.append(chart);

    const fragment = own && shareFragment(payload, answers);
    if (fragment) {
      const box = el('div', '', 'cg-share'), id = `cg-${payload.id}-share`;
      const label = el('label', T.share_label), field = el('input'), copied = el('span', '', 'cg-copied');
      label.htmlFor = field.id = id;
      Object.assign(field, { readOnly: true, value: `${location.href.split('#')[0]}#${fragment}` });
      copied.setAttribute('role', 'status');
      const copyButton = button(T.copy), printButton = button(T.print);
      copyButton.addEventListener('click', () => {
        field.select();
        navigator.clipboard?.writeText(field.value).then(() => (copied.textContent = T.copied), () => {});
      });
      printButton.addEventListener('click', () => print());
      box.append(label, field, copyButton, printButton, copied);
      target.append(box);
    }
  }

  mount(section, payload, { show: (answers) => draw(result, answers, true), clear: () => result.removeAttribute('data-cg-outcome') });

  views.set(section, () => shared(section, payload, draw));
  shared(section, payload, draw);
}

// Someone else's result, from the link's fragment: shown beside (never into) the learner's own.
function shared(section, payload, draw) {
  if (!location.hash.startsWith('#r=')) return;
  for (const old of section.querySelectorAll('.cg-shared, .cg-bad-link')) old.remove();
  const answers = parseShare(location.hash, [payload])?.answers;
  if (!answers) {
    const notice = el('p', T.bad_link, 'cg-notice cg-bad-link');
    notice.setAttribute('role', 'alert');
    section.querySelector('form').before(notice);
    return;
  }
  const view = el('div', '', 'cg-shared'), own = button(T.take_yourself, 'md-button md-button--primary');
  const heading = el('h3', T.shared_title), box = el('div', '', 'cg-result');
  heading.id = `cg-${payload.id}-shared`;
  view.setAttribute('role', 'region');
  view.setAttribute('aria-labelledby', heading.id);
  view.append(heading, el('p', T.shared_note), box, own);
  draw(box, answers, false);
  section.classList.add('cg-viewing');
  section.querySelector('form').before(view);
  own.addEventListener('click', () => {
    view.remove();
    section.classList.remove('cg-viewing');
    history.replaceState(history.state, '', location.pathname + location.search);
    section.querySelector('input').focus();
  });
}

// A link pasted into the address bar of the page already open changes only the fragment.
const views = new WeakMap();
addEventListener('hashchange', () => {
  for (const section of document.querySelectorAll('[data-cg-ready]')) views.get(section)?.();
});
