// The files of the version being edited: the list on the left, one editor per opened file (kept
// while the version stays open, so edits survive switching files), and which files changed.
import { esc } from './format.js';

const FOLDERS = ['rules-dmn', 'rules-drl', 'rules-tests'];
const kindOf = (path) => path.endsWith('.dmn') ? 'DMN' : path.endsWith('.drl') ? 'DRL' : 'YAML';

export class Workspace {
  constructor(list, area, onChange) {
    this.list = list;
    this.area = area;
    this.onChange = onChange;
    this.editors = new Map();   // path → Promise of an editor
    this.touched = new Set();   // paths edited since the version was opened
    this.problems = {};         // path → [{line, message}]
    this.sent = {};             // path → the text last sent as a draft
    this.openPath = null;
    this.base = null;
    this.baseFiles = {};
    this.liveFiles = {};
    list.addEventListener('click', event => {
      const item = event.target.closest('li[data-file]');
      if (item) this.open(item.dataset.file);
    });
  }

  /** Shows a version's files; `liveFiles` are what a draft is put on top of. */
  load(base, baseFiles, liveFiles) {
    for (const editor of this.editors.values()) editor.then(e => e.destroy()).catch(() => {});
    this.editors.clear();
    this.area.innerHTML = '';
    this.touched = new Set();
    this.problems = {};
    this.sent = {};
    this.openPath = null;
    this.base = base;
    this.baseFiles = baseFiles;
    this.liveFiles = liveFiles;
    this.renderList();
  }

  paths() {
    const order = (path) => FOLDERS.indexOf(path.split('/')[0]);
    return Object.keys(this.baseFiles).sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  }

  /** Differs from the live version, as far as can be told without serializing a DMN model. */
  isChanged(path) {
    return this.touched.has(path) || this.baseFiles[path] !== this.liveFiles[path];
  }

  renderList() {
    let folder = null;
    this.list.innerHTML = this.paths().map(path => {
      const [dir, name] = path.split('/');
      const heading = dir !== folder ? `<li class="folder">${esc(dir)}/</li>` : '';
      folder = dir;
      const problems = this.problems[path]?.length ?? 0;
      return `${heading}<li data-file="${esc(path)}" class="${this.isChanged(path) ? 'changed' : ''} ${problems ? 'has-problems' : ''} ${path === this.openPath ? 'open' : ''}">
        <span class="kind kind-${kindOf(path)}">${kindOf(path)}</span> ${esc(name)}
        ${this.isChanged(path) ? '<span class="mark" title="已修改 changed">●</span>' : ''}
        ${problems ? `<span class="problem-count" title="问题 problems">${problems}</span>` : ''}</li>`;
    }).join('');
  }

  /** Opens a file in its editor (made on first use) and resolves with the editor. */
  async open(path) {
    if (!(path in this.baseFiles)) return null;
    this.openPath = path;
    this.renderList();
    for (const child of this.area.children) child.hidden = child.dataset.file !== path;
    if (!this.editors.has(path)) {
      this.editors.set(path, this.createEditor(path));
    }
    const editor = await this.editors.get(path);
    if (this.openPath === path) editor.element.hidden = false;
    return editor;
  }

  async createEditor(path) {
    const onChange = (changed) => {
      if (changed) this.touched.add(path); else this.touched.delete(path);
      this.renderList();
      this.onChange();
    };
    const text = this.baseFiles[path];
    let editor;
    if (path.endsWith('.dmn')) {
      const { createDmnEditor } = await import('./dmn-editor.js');
      editor = await createDmnEditor(this.area, path, text, { onChange });
    } else {
      const { createCodeEditor } = await import('./code-editor.js');
      editor = createCodeEditor(path, text, { onChange });
      this.area.append(editor.element);
    }
    editor.element.hidden = this.openPath !== path;
    if (this.problems[path]) editor.showProblems(this.problems[path], this.sent[path]);
    return editor;
  }

  /** Edited models that dmn-js cannot write whole: [{path, lossy: [what it would drop]}]. */
  async lossyEdits() {
    const found = [];
    for (const [path, pending] of this.editors) {
      const editor = await pending;
      if (editor.touched() && editor.lossy?.().length) found.push({ path, lossy: editor.lossy() });
    }
    return found;
  }

  /** The files a draft needs: every file whose text differs from the live version's. */
  async changedFiles() {
    const files = {};
    for (const path of this.paths()) {
      const editor = this.editors.has(path) ? await this.editors.get(path) : null;
      const text = editor?.touched() ? await editor.text() : this.baseFiles[path];
      if (text !== this.liveFiles[path]) files[path] = text;
    }
    return files;
  }

  hasEdits() {
    return this.touched.size > 0;
  }

  /** Marks the problems of the last draft at their files and lines; `sent` is what was posted. */
  async showProblems(byFile, sent) {
    this.problems = byFile;
    this.sent = sent;
    for (const [path, editor] of this.editors) {
      (await editor).showProblems(byFile[path] ?? [], sent[path]);
    }
    this.renderList();
  }

  async reveal(path, line) {
    const editor = await this.open(path);
    if (editor && line > 0) await editor.revealLine(line);
    editor?.element.scrollIntoView({ block: 'start' });
  }
}
