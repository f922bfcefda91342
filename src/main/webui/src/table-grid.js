// A paged, filterable grid over a decision table of the model dmn-js holds. dmn-js renders every
// row of a table, which is unusable at thousands of rows; this edits the same moddle elements
// (inputEntry/outputEntry/annotationEntry texts, rules, hit policy), so saveXML writes the edits.
import { esc, label } from './format.js';

export const PAGE_SIZE = 100;
const HIT_POLICIES = ['UNIQUE', 'FIRST', 'PRIORITY', 'ANY', 'COLLECT', 'RULE ORDER', 'OUTPUT ORDER'];
const AGGREGATIONS = ['', 'SUM', 'COUNT', 'MIN', 'MAX'];

const newId = (prefix) => `${prefix}_${Math.random().toString(36).slice(2, 9)}`;

/**
 * @param {HTMLElement} container
 * @param {{decision: object, moddle: object, onEdit: function}} options  decision: a dmn:Decision whose
 *        decisionLogic is a dmn:DecisionTable; moddle: the DmnModdle that parsed it
 */
export function renderTableGrid(container, { decision, moddle, onEdit }) {
  const table = decision.decisionLogic;
  const inputs = table.input ?? [];
  const outputs = table.output ?? [];
  const annotations = table.annotation ?? [];
  let matching = null; // indexes of the rules the filter matches, or null for all
  let page = 0;

  const rules = () => table.get('rule');
  const shown = () => matching ?? rules().map((_, index) => index);
  const pages = () => Math.max(1, Math.ceil(shown().length / PAGE_SIZE));

  container.innerHTML = `
    <div class="grid-head">
      <b>${esc(decision.name)}</b>
      <label>命中策略 <span class="en">Hit policy</span>
        <select data-grid="hit-policy">${HIT_POLICIES.map(p => `<option ${p === (table.hitPolicy ?? 'UNIQUE') ? 'selected' : ''}>${p}</option>`).join('')}</select></label>
      <label>汇总 <span class="en">Aggregation</span>
        <select data-grid="aggregation">${AGGREGATIONS.map(a => `<option value="${a}" ${a === (table.aggregation ?? '') ? 'selected' : ''}>${a || '—'}</option>`).join('')}</select></label>
      <label>筛选 <span class="en">Filter</span> <input type="search" data-grid="filter" placeholder="440700 / 0.80 / INPATIENT"></label>
      <span data-grid="count" class="muted"></span>
      <span class="pager">
        <button type="button" class="secondary" data-grid="prev">‹ ${label('上一页', 'Prev')}</button>
        <span data-grid="page"></span>
        <button type="button" class="secondary" data-grid="next">${label('下一页', 'Next')} ›</button>
      </span>
      <button type="button" class="secondary" data-grid="add">＋ ${label('新增行', 'Add row')}</button>
    </div>
    <div class="grid-scroll">
      <table class="grid" data-decision="${esc(decision.name)}">
        <thead><tr><th>#</th>
          ${inputs.map(i => `<th class="input-col">${esc(i.label || i.inputExpression?.text)}</th>`).join('')}
          ${outputs.map(o => `<th class="output-col">→ ${esc(o.label || o.name || table.outputLabel || decision.name)}</th>`).join('')}
          ${annotations.map(a => `<th class="annotation-col">${esc(a.name)}</th>`).join('')}
          <th></th></tr></thead>
        <tbody></tbody>
      </table>
    </div>`;
  const $ = (name) => container.querySelector(`[data-grid="${name}"]`);
  const body = container.querySelector('tbody');

  function cell(kind, index, text) {
    // Sized to its text, so that the columns fit what the page shows.
    const size = Math.max(kind === 'note' ? 24 : 5, String(text ?? '').length + 1);
    return `<td data-col="${kind}${index + 1}"><input data-kind="${kind}" data-index="${index}" value="${esc(text)}" size="${size}" spellcheck="false"></td>`;
  }

  function renderPage() {
    page = Math.min(page, pages() - 1);
    const all = rules();
    const slice = shown().slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
    body.innerHTML = slice.map(index => {
      const rule = all[index];
      return `<tr data-rule-index="${index}" data-rule-id="${esc(rule.id)}"><td class="row-number">${index + 1}</td>
        ${inputs.map((_, i) => cell('in', i, rule.inputEntry?.[i]?.text)).join('')}
        ${outputs.map((_, i) => cell('out', i, rule.outputEntry?.[i]?.text)).join('')}
        ${annotations.map((_, i) => cell('note', i, rule.annotationEntry?.[i]?.text)).join('')}
        <td class="row-actions"><button type="button" class="icon" data-action="duplicate" title="复制到下一行 Duplicate below">＋</button>
          <button type="button" class="icon" data-action="delete" title="删除此行 Delete this row">✕</button></td></tr>`;
    }).join('');
    $('page').textContent = `${page + 1} / ${pages()}`;
    $('count').textContent = matching
      ? `${matching.length} / ${all.length} 行匹配 rows match`
      : `共 ${all.length} 行 ${all.length} rows`;
    $('prev').disabled = page === 0;
    $('next').disabled = page >= pages() - 1;
  }

  function applyFilter(text) {
    const needle = text.trim().toLowerCase();
    matching = needle ? rules().reduce((found, rule, index) => {
      const texts = [...(rule.inputEntry ?? []), ...(rule.outputEntry ?? []), ...(rule.annotationEntry ?? [])].map(e => e.text ?? '');
      if (texts.join('\u0001').toLowerCase().includes(needle)) found.push(index);
      return found;
    }, []) : null;
    page = 0;
    renderPage();
  }

  function entry(type, id, text, parent) {
    const element = moddle.create(type, { id, text });
    element.$parent = parent;
    return element;
  }

  function createRule(texts) {
    const id = newId('DecisionRule');
    const rule = moddle.create('dmn:DecisionRule', { id });
    rule.$parent = table;
    rule.set('inputEntry', inputs.map((_, i) => entry('dmn:UnaryTests', `${id}_in${i + 1}`, texts?.in[i] ?? '-', rule)));
    rule.set('outputEntry', outputs.map((_, i) => entry('dmn:LiteralExpression', `${id}_out${i + 1}`, texts?.out[i] ?? '', rule)));
    if (annotations.length) {
      rule.set('annotationEntry', annotations.map((_, i) => {
        const note = moddle.create('dmn:RuleAnnotation', { text: texts?.note[i] ?? '' });
        note.$parent = rule;
        return note;
      }));
    }
    return rule;
  }

  function textsOf(rule) {
    return {
      in: (rule.inputEntry ?? []).map(e => e.text),
      out: (rule.outputEntry ?? []).map(e => e.text),
      note: (rule.annotationEntry ?? []).map(e => e.text),
    };
  }

  // Rows move when one is added or removed: the filter's row indexes are worked out again.
  function rowsChanged() {
    onEdit();
    const filter = $('filter').value;
    if (filter.trim()) {
      const keepPage = page;
      applyFilter(filter);
      page = Math.min(keepPage, pages() - 1);
    }
    renderPage();
  }

  body.addEventListener('input', event => {
    const input = event.target.closest('input[data-kind]');
    if (!input) return;
    const rule = rules()[Number(input.closest('tr').dataset.ruleIndex)];
    const index = Number(input.dataset.index);
    if (input.dataset.kind === 'in') rule.inputEntry[index].text = input.value;
    if (input.dataset.kind === 'out') rule.outputEntry[index].text = input.value;
    if (input.dataset.kind === 'note') {
      const notes = rule.get('annotationEntry');
      while (notes.length <= index) {
        const note = moddle.create('dmn:RuleAnnotation', { text: '' });
        note.$parent = rule;
        notes.push(note);
      }
      notes[index].text = input.value;
    }
    onEdit();
  });
  body.addEventListener('click', event => {
    const button = event.target.closest('button[data-action]');
    if (!button) return;
    const index = Number(button.closest('tr').dataset.ruleIndex);
    const all = rules();
    if (button.dataset.action === 'delete') {
      all.splice(index, 1);
    } else {
      all.splice(index + 1, 0, createRule(textsOf(all[index])));
    }
    rowsChanged();
  });
  $('add').addEventListener('click', () => {
    rules().push(createRule(null));
    $('filter').value = '';
    matching = null;
    page = pages() - 1;
    rowsChanged();
  });
  $('hit-policy').addEventListener('change', event => { table.hitPolicy = event.target.value; onEdit(); });
  $('aggregation').addEventListener('change', event => { table.aggregation = event.target.value || undefined; onEdit(); });
  let filterTimer;
  $('filter').addEventListener('input', event => {
    clearTimeout(filterTimer);
    filterTimer = setTimeout(() => applyFilter(event.target.value), 150);
  });
  $('prev').addEventListener('click', () => { page = Math.max(0, page - 1); renderPage(); });
  $('next').addEventListener('click', () => { page = Math.min(pages() - 1, page + 1); renderPage(); });

  renderPage();
}
