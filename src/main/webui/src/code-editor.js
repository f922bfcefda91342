// A CodeMirror 6 editor for one text file: DRL, YAML or (read-only) XML, with the problems of the
// last draft marked at their lines.
import { EditorView, basicSetup } from 'codemirror';
import { EditorState, StateEffect, StateField, RangeSetBuilder } from '@codemirror/state';
import { Decoration } from '@codemirror/view';
import { yaml } from '@codemirror/lang-yaml';
import { xml } from '@codemirror/lang-xml';
import { drlLanguage } from './drl-language.js';
import { esc } from './format.js';

const setProblems = StateEffect.define();

const problemLines = StateField.define({
  create: () => Decoration.none,
  update(decorations, transaction) {
    decorations = decorations.map(transaction.changes);
    for (const effect of transaction.effects) {
      if (effect.is(setProblems)) {
        const builder = new RangeSetBuilder();
        const doc = transaction.state.doc;
        [...new Set(effect.value.map(p => p.line))].filter(line => line >= 1 && line <= doc.lines).sort((a, b) => a - b)
          .forEach(line => builder.add(doc.line(line).from, doc.line(line).from,
            Decoration.line({ class: 'cm-problem-line', attributes: { 'data-problem-line': String(line) } })));
        decorations = builder.finish();
      }
    }
    return decorations;
  },
  provide: field => EditorView.decorations.from(field),
});

function languageOf(path) {
  if (path.endsWith('.drl')) return drlLanguage;
  if (path.endsWith('.yaml') || path.endsWith('.yml')) return yaml();
  return xml();
}

/**
 * @param {string} path  rules-drl/exclusions.drl, rules-tests/payout.yaml, …
 * @param {string} text  the file as the opened version has it
 * @param {{readOnly?: boolean, onChange?: function}} options
 */
export function createCodeEditor(path, text, { readOnly = false, onChange = () => {} } = {}) {
  const element = document.createElement('div');
  element.className = 'code-editor';
  element.dataset.file = path;
  const problems = document.createElement('ul');
  problems.className = 'problems';
  const host = document.createElement('div');
  element.append(problems, host);

  let original = text;
  let changed = false;
  const view = new EditorView({
    parent: host,
    state: EditorState.create({
      doc: text,
      extensions: [
        basicSetup,
        languageOf(path),
        problemLines,
        EditorState.readOnly.of(readOnly),
        EditorView.updateListener.of(update => {
          if (update.docChanged) {
            const nowChanged = update.state.doc.toString() !== original;
            if (nowChanged !== changed) {
              changed = nowChanged;
              onChange(changed);
            } else if (changed) {
              onChange(changed);
            }
          }
        }),
      ],
    }),
  });

  const editor = {
    element,
    view,
    touched: () => changed,
    text: async () => view.state.doc.toString(),
    /** Replaces the whole text (the read-only XML view of a DMN model). */
    setText(newText) {
      original = newText;
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: newText } });
    },
    showProblems(list) {
      problems.innerHTML = list.map(p => `<li data-line="${p.line}"><b>${p.line > 0 ? `第 ${p.line} 行 line ${p.line}` : '文件 file'}</b>: ${esc(p.message)}</li>`).join('');
      view.dispatch({ effects: setProblems.of(list) });
    },
    revealLine(line) {
      if (line < 1 || line > view.state.doc.lines) return;
      const at = view.state.doc.line(line);
      view.dispatch({ selection: { anchor: at.from }, effects: EditorView.scrollIntoView(at.from, { y: 'center' }) });
      view.focus();
    },
    destroy: () => view.destroy(),
  };
  problems.addEventListener('click', event => {
    const item = event.target.closest('li[data-line]');
    if (item) editor.revealLine(Number(item.dataset.line));
  });
  return editor;
}
