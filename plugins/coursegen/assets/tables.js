// The tools' tables in Material's look: Material styles a table without a class, inside the
// two boxes its own script puts around the tables of a page's Markdown (ours come later, so
// they come with their boxes). Each row's first cell heads the row: on a phone it stays in
// view while the other columns scroll (tools.css).
import { el } from './course.js';

// headers: the column heads; rows: each a list of cells, text or a node (a link); numeric: the
// columns whose figures line up at the end.
export function table(headers, rows, numeric = []) {
  const t = el('table'), head = t.createTHead().insertRow(), body = t.createTBody();
  const align = (cell, i) => (numeric.includes(i) && cell.classList.add('cg-num'), cell);
  headers.forEach((h, i) => head.append(align(Object.assign(el('th', h), { scope: 'col' }), i)));
  for (const row of rows) {
    const r = body.insertRow();
    row.forEach((c, i) => {
      const cell = align(i ? r.insertCell() : r.appendChild(Object.assign(el('th'), { scope: 'row' })), i);
      cell.append(c);
    });
  }
  const wrap = el('div', '', 'md-typeset__scrollwrap cg-table');
  wrap.appendChild(el('div', '', 'md-typeset__table')).append(t);
  return wrap;
}
