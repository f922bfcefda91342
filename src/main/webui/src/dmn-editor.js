// One DMN model in the bpmn.io editor (dmn-js): the decision requirements diagram, each decision
// table and literal expression; tables above LARGE_TABLE_ROWS open in the paged grid instead, over
// the same model. An XML tab shows what "Save as draft" sends, with the draft's problems at their lines.
// A model with elements dmn-js does not know (its import warnings) is shown but never saved from here:
// dmn-js would write it without them.
import DmnModeler from 'dmn-js/lib/Modeler';
import 'dmn-js/dist/assets/diagram-js.css';
import 'dmn-js/dist/assets/dmn-js-shared.css';
import 'dmn-js/dist/assets/dmn-js-drd.css';
import 'dmn-js/dist/assets/dmn-js-decision-table.css';
import 'dmn-js/dist/assets/dmn-js-decision-table-controls.css';
import 'dmn-js/dist/assets/dmn-js-literal-expression.css';
import 'dmn-js/dist/assets/dmn-font/css/dmn-embedded.css';
import { dmnRelease, toEditorNamespaces, toFileNamespaces } from './dmn-namespaces.js';
import { describeImportWarning, nameOf } from './dmn-import-warnings.js';
import { renderTableGrid } from './table-grid.js';
import { bilingualLabels } from './dmn-labels.js';
import { createCodeEditor } from './code-editor.js';
import { esc, label } from './format.js';

export const LARGE_TABLE_ROWS = 500;

const rowCount = (view) => view.element.decisionLogic?.rule?.length ?? 0;

function tabLabel(view) {
  if (view.type === 'drd') return label('决策需求图', 'DRD');
  if (view.type === 'decisionTable') return `${label('决策表', 'Table')} ${esc(view.name)} <span class="muted">${rowCount(view)}</span>`;
  if (view.type === 'literalExpression') return `${label('表达式', 'Expression')} ${esc(view.name)}`;
  return esc(view.name ?? view.type);
}

/**
 * Appends the editor to `parent` and imports the model; resolves when the diagram shows.
 * @param {{onChange: function}} options  called whenever the model may have changed
 */
export async function createDmnEditor(parent, path, text, { onChange = () => {} } = {}) {
  const element = document.createElement('div');
  element.className = 'dmn-editor';
  element.dataset.file = path;
  element.innerHTML = `
    <div class="dmn-bar">
      <div class="dmn-views"></div>
      <button type="button" class="secondary small" data-action="resave"
        title="把此模型按编辑器写出的格式加入草稿，即使没有修改 Put this model into the draft as the editor writes it, even unchanged">
        ${label('原样保存', 'Save unchanged')}</button>
    </div>
    <div class="lossy" hidden></div>
    <ul class="problems"></ul>
    <div class="dmn-grid-toggle" hidden><button type="button" class="link" data-action="toggle-grid"></button></div>
    <div class="dmn-canvas"></div>
    <div class="dmn-grid" hidden></div>
    <div class="dmn-xml" hidden></div>`;
  parent.append(element);
  const part = (selector) => element.querySelector(selector);

  const release = dmnRelease(text);
  // Per view: dmn-js lets a view's additionalModules replace the common ones.
  const labels = { additionalModules: [bilingualLabels] };
  const modeler = new DmnModeler({ container: part('.dmn-canvas'), drd: labels, decisionTable: labels, literalExpression: labels, boxedExpression: labels });
  const viewers = [];
  let gridEdited = false;
  let resave = false;
  let current = null;      // {view, mode: 'dmn-js' | 'grid' | 'xml'}
  let xmlEditor = null;
  let posted = null;       // the text last sent as a draft, whose lines the problems name
  let problems = [];

  const touched = () => resave || gridEdited || viewers.some(viewer => viewer.get('commandStack').canUndo());
  modeler.on('viewer.created', ({ viewer }) => {
    viewers.push(viewer);
    viewer.on('commandStack.changed', () => onChange(touched()));
  });
  modeler.on('views.changed', ({ activeView }) => {
    // dmn-js switches views itself too (its "View DRD" button, a click on a decision's icon).
    if (current?.mode === 'dmn-js' && activeView && activeView !== current.view) {
      current = { view: activeView, mode: 'dmn-js' };
      part('.dmn-grid-toggle').hidden = activeView.type !== 'decisionTable';
    }
    part('.dmn-canvas').classList.toggle('diagram', modeler.getActiveView()?.type === 'drd');
    renderTabs();
  });

  function fitDiagram() {
    const canvas = modeler.getActiveViewer().get('canvas');
    canvas.zoom('fit-viewport', 'auto');
    if (canvas.zoom() > 1) canvas.zoom(1, 'auto');
  }

  let lossy = [];          // what dmn-js would drop: describeImportWarning() of each import warning

  async function serialize() {
    if (lossy.length) throw new Error(`${path}: dmn-js would drop ${lossy.map(nameOf).join('; ')}`);
    const { xml } = await modeler.saveXML({ format: true });
    return toFileNamespaces(xml, release);
  }

  function renderTabs() {
    part('.dmn-views').innerHTML = modeler.getViews().map(view => `
      <button type="button" class="view-tab" data-view-id="${esc(view.element.id)}" data-view-type="${esc(view.type)}">${tabLabel(view)}</button>`).join('')
      + `<button type="button" class="view-tab" data-view-type="xml">XML</button>`;
    markActiveTab();
  }

  function markActiveTab() {
    element.querySelectorAll('.view-tab').forEach(tab => {
      const active = current && (current.mode === 'xml' ? tab.dataset.viewType === 'xml' : tab.dataset.viewId === current.view?.element.id);
      tab.classList.toggle('active', Boolean(active));
    });
  }

  function show(mode) {
    part('.dmn-canvas').hidden = mode !== 'dmn-js';
    part('.dmn-grid').hidden = mode !== 'grid';
    part('.dmn-xml').hidden = mode !== 'xml';
  }

  async function openView(view, mode = null) {
    const large = view.type === 'decisionTable' && rowCount(view) > LARGE_TABLE_ROWS;
    mode = mode ?? (large ? 'grid' : 'dmn-js');
    current = { view, mode };
    const toggle = part('.dmn-grid-toggle');
    toggle.hidden = view.type !== 'decisionTable' || large;
    toggle.firstElementChild.innerHTML = mode === 'grid'
      ? label('在 dmn-js 中编辑', 'Edit in dmn-js') : label('分页表格（含依据列）', 'Paged grid (with the source column)');
    show(mode);
    if (mode === 'grid') {
      renderTableGrid(part('.dmn-grid'), {
        decision: view.element,
        moddle: modeler.getActiveViewer().get('moddle'),
        onEdit: () => { gridEdited = true; onChange(true); },
      });
    } else {
      // Opening again re-renders from the model, so edits made in the grid show.
      await modeler.open(view);
      if (view.type === 'drd') fitDiagram();
    }
    markActiveTab();
  }

  async function openXml() {
    current = { view: current?.view, mode: 'xml' };
    part('.dmn-grid-toggle').hidden = true;
    show('xml');
    // dmn-js's own output of a lossy model would lack what it dropped: show the file as it is.
    const xml = posted ?? (lossy.length ? text : await serialize());
    if (!xmlEditor) {
      xmlEditor = createCodeEditor(path, xml, { readOnly: true });
      part('.dmn-xml').append(xmlEditor.element);
    } else {
      xmlEditor.setText(xml);
    }
    xmlEditor.showProblems(problems);
    markActiveTab();
  }

  element.addEventListener('click', async event => {
    const tab = event.target.closest('.view-tab');
    const action = event.target.closest('[data-action]')?.dataset.action;
    if (tab) {
      posted = null;
      if (tab.dataset.viewType === 'xml') return openXml();
      const view = modeler.getViews().find(v => v.element.id === tab.dataset.viewId);
      if (view) return openView(view);
    }
    if (action === 'toggle-grid' && current?.view) {
      return openView(current.view, current.mode === 'grid' ? 'dmn-js' : 'grid');
    }
    if (action === 'resave') {
      resave = true;
      onChange(true);
    }
  });
  part('.problems').addEventListener('click', event => {
    const item = event.target.closest('li[data-line]');
    if (item) editor.revealLine(Number(item.dataset.line));
  });

  const imported = toEditorNamespaces(text);
  const { warnings } = await modeler.importXML(imported);
  // The namespaces swapped have the same length, so the warnings' lines and columns are the file's.
  lossy = (warnings ?? []).map(warning => describeImportWarning(warning, imported));
  if (lossy.length) showLossy();
  current = { view: modeler.getActiveView(), mode: 'dmn-js' };
  renderTabs();
  if (current.view?.type === 'drd') fitDiagram();

  function showLossy() {
    const box = part('.lossy');
    box.hidden = false;
    box.innerHTML = `<b>${label('此模型不能在编辑器中保存', 'This model cannot be saved from the editor')}</b>:
      ${label('编辑器（dmn-js，DMN 1.3）不认识以下元素，保存时会丢失它们', 'the editor (dmn-js, DMN 1.3) does not know these elements and would drop them')}
      <ul class="lossy-elements">${lossy.map(w => `<li data-element="${esc(w.element ?? '')}" data-element-id="${esc(w.id ?? '')}" class="mono">${esc(nameOf(w))}</li>`).join('')}</ul>
      <span class="muted">${label('请在 XML 中修改此文件（仓库中编辑后重新加载）', 'Change this file as XML instead (edit it in the repository and reload)')}</span>`;
    part('[data-action="resave"]').disabled = true;
  }

  const editor = {
    element,
    modeler,
    touched,
    /** What dmn-js would drop from this model; not empty: the model must not be saved from the editor. */
    lossy: () => lossy,
    text: serialize,
    openView: (id) => openView(modeler.getViews().find(v => v.element.id === id)),
    /** The problems of the last draft, at lines of the text that was sent (`sent`). */
    showProblems(list, sent) {
      problems = list;
      posted = sent ?? null;
      part('.problems').innerHTML = list.map(p => `<li data-line="${p.line}"><b>${p.line > 0 ? `XML 第 ${p.line} 行 line ${p.line}` : '模型 model'}</b>: ${esc(p.message)}</li>`).join('');
      if (xmlEditor) xmlEditor.showProblems(list);
    },
    async revealLine(line) {
      await openXml();
      xmlEditor.revealLine(line);
    },
    destroy: () => modeler.destroy(),
  };
  return editor;
}
