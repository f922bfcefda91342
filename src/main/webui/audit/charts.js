// The audit page's overview (README "For auditors"): four charts of a chosen period, all from
// GET /api/v1/decisions/stats (decision_stat, kept per day by the writer, so a year of a million
// decisions is a few thousand rows). Built by Vite (vite.audit.config.js) into /audit/charts.js,
// which the static index.html loads as a module; Chart.js is the only library.
import {
  BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip,
} from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Tooltip, Legend);
Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
Chart.defaults.color = '#1d2733';
Chart.defaults.animation = false;
Chart.defaults.maintainAspectRatio = false;

const TOP_REASONS = 10;
const TOP_REGIONS = 20;
const DAY_MS = 24 * 60 * 60 * 1000;
// Outcomes in the order they stack, with the page's colours (app.css); any other outcome follows in grey and blue.
const OUTCOMES = {
  APPROVED: {label: '核准 APPROVED', colour: '#1a7f37'},
  ACCEPTED: {label: '受理 ACCEPTED', colour: '#5aa86e'},
  REJECTED: {label: '拒绝 REJECTED', colour: '#b42318'},
};
const MORE_COLOURS = ['#0b5cad', '#8a6d00', '#6b4fa0', '#68737f'];
const NO_REGION = '-';

const $ = (selector) => document.querySelector(selector);
// By count, most first; ties by key in code-point order (as the service and its tests sort), not by locale.
const byCountThenKey = (a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
const money = (value) => Number(value).toLocaleString('zh-CN', {minimumFractionDigits: 2, maximumFractionDigits: 2});

/** The charts drawn, by canvas id: what the page test reads back (chart.data) to check what is drawn. */
const charts = {};
window.auditCharts = charts;
let regions = null;

async function stats(groupBy, period) {
  const params = new URLSearchParams({groupBy, from: period.from, to: period.to});
  if (period.type) params.set('type', period.type);
  const response = await fetch(`/api/v1/decisions/stats?${params}`, {headers: {accept: 'application/json'}});
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(body.errors ? body.errors.map(e => `${e.field}: ${e.messageZh ?? ''} ${e.message}`).join('; ') : `HTTP ${response.status}`);
  }
  return body;
}

/** The chosen period; by default the last 30 days, sent as instants so that the service names the days in its own time zone. */
function period() {
  const form = new FormData($('#charts-period'));
  const now = Date.now();
  return {
    from: form.get('from') || new Date(now - 29 * DAY_MS).toISOString(),
    to: form.get('to') || new Date(now).toISOString(),
    type: form.get('type') || '',
  };
}

/** Every day from first to last (yyyy-MM-dd), so that a day without decisions is drawn as 0, not left out. */
function daysOf(first, last) {
  const days = [];
  for (let day = new Date(`${first}T00:00:00Z`); day.toISOString().slice(0, 10) <= last; day = new Date(day.getTime() + DAY_MS)) {
    days.push(day.toISOString().slice(0, 10));
  }
  return days;
}

function draw(id, config) {
  charts[id]?.destroy();
  charts[id] = new Chart(document.getElementById(id), config);
  return charts[id];
}

function clear() {
  Object.keys(charts).forEach(id => { charts[id].destroy(); delete charts[id]; });
}

/** Opens the Decisions tab searching what a bar counts (a day's outcome, a reason, a region) in the period. */
function searchFor(filters, days) {
  const form = $('#filters');
  form.reset();
  Object.entries({...filters, from: days.from, to: days.to}).forEach(([name, value]) => { form.elements[name].value = value; });
  document.querySelector("nav .tab[data-tab='decisions']").click();
  form.requestSubmit();
}

function outcomesPerDay(groups, days, type) {
  const counts = new Map(groups.map(g => [g.key, g.count]));
  const outcomes = [...new Set(groups.map(g => g.key.slice(g.key.indexOf('/') + 1)))]
    .sort((a, b) => (OUTCOMES[a] ? Object.keys(OUTCOMES).indexOf(a) : 99) - (OUTCOMES[b] ? Object.keys(OUTCOMES).indexOf(b) : 99) || a.localeCompare(b));
  draw('chart-outcomes', {
    type: 'bar',
    data: {
      labels: days.list,
      datasets: outcomes.map((outcome, i) => ({
        key: outcome,
        label: OUTCOMES[outcome]?.label ?? outcome,
        backgroundColor: OUTCOMES[outcome]?.colour ?? MORE_COLOURS[i % MORE_COLOURS.length],
        data: days.list.map(day => counts.get(`${day}/${outcome}`) ?? 0),
      })),
    },
    options: {
      scales: {x: {stacked: true}, y: {stacked: true, beginAtZero: true, ticks: {precision: 0}}},
      onClick: (event, elements, chart) => {
        if (!elements.length) return;
        const day = days.list[elements[0].index];
        searchFor({outcome: chart.data.datasets[elements[0].datasetIndex].key, type}, {from: day, to: day});
      },
    },
  });
}

function topReasons(groups, days, type) {
  const top = [...groups].sort(byCountThenKey).slice(0, TOP_REASONS);
  draw('chart-reasons', {
    type: 'bar',
    data: {
      labels: top.map(g => g.key),
      datasets: [{label: '决策数 Decisions', backgroundColor: '#0b5cad', data: top.map(g => g.count)}],
    },
    options: {
      indexAxis: 'y',
      plugins: {legend: {display: false}},
      scales: {x: {beginAtZero: true, ticks: {precision: 0}}},
      onClick: (event, elements) => { if (elements.length) searchFor({reasonCode: top[elements[0].index].key, type}, days); },
    },
  });
  $('#chart-reasons-note').textContent = groups.length > TOP_REASONS ? `前 ${TOP_REASONS} / 共 ${groups.length} · top ${TOP_REASONS} of ${groups.length}` : '';
}

function payablePerDay(groups, days) {
  const payable = new Map(groups.map(g => [g.key, g.payable]));
  draw('chart-payable', {
    type: 'line',
    data: {
      labels: days.list,
      datasets: [{label: '应付 Payable (¥)', borderColor: '#1a7f37', backgroundColor: '#1a7f37', pointRadius: 2,
        data: days.list.map(day => payable.get(day) ?? 0)}],
    },
    options: {
      plugins: {legend: {display: false}, tooltip: {callbacks: {label: item => `¥ ${money(item.raw)}`}}},
      scales: {y: {beginAtZero: true, ticks: {callback: value => `¥${Number(value).toLocaleString('zh-CN')}`}}},
    },
  });
}

function byRegion(days, type) {
  const by = $('#charts-region-by').value;
  const groups = [...regions[by]].sort(byCountThenKey);
  const shown = groups.slice(0, TOP_REGIONS);
  const rest = groups.slice(TOP_REGIONS);
  if (rest.length) {
    shown.push({key: null, count: rest.reduce((sum, g) => sum + g.count, 0), payable: rest.reduce((sum, g) => sum + g.payable, 0)});
  }
  draw('chart-regions', {
    type: 'bar',
    data: {
      labels: shown.map(g => g.key === null ? `其他 ${rest.length} 个 Others` : g.key === NO_REGION ? '无 None' : g.key),
      datasets: [
        {key: 'count', label: '决策数 Decisions', backgroundColor: '#0b5cad', yAxisID: 'count', data: shown.map(g => g.count)},
        {key: 'payable', label: '应付 Payable (¥)', backgroundColor: '#5aa86e', yAxisID: 'payable', data: shown.map(g => g.payable)},
      ],
    },
    options: {
      plugins: {tooltip: {callbacks: {label: item => item.dataset.key === 'payable' ? `¥ ${money(item.raw)}` : `${item.raw}`}}},
      scales: {
        count: {position: 'left', beginAtZero: true, ticks: {precision: 0}, title: {display: true, text: '决策数 Decisions'}},
        payable: {position: 'right', beginAtZero: true, grid: {drawOnChartArea: false}, title: {display: true, text: '应付 Payable (¥)'}},
      },
      onClick: (event, elements) => {
        const key = elements.length ? shown[elements[0].index].key : null;
        if (key !== null && key !== NO_REGION) searchFor({[by]: key, type}, days);
      },
    },
  });
}

async function show(event) {
  event?.preventDefault();
  const section = $('#charts');
  const status = $('#charts-status');
  section.dataset.state = 'loading';
  status.textContent = '加载中… Loading…';
  const chosen = period();
  try {
    const [perDayAndOutcome, perDay, reasons, insured, treatment] = await Promise.all(
      ['day,outcome', 'day', 'reasonCode', 'insuredRegion', 'treatmentRegion'].map(groupBy => stats(groupBy, chosen)));
    const days = {from: perDay.from, to: perDay.to, list: daysOf(perDay.from, perDay.to)};
    $('#charts-from').value = days.from;
    $('#charts-to').value = days.to;
    const total = perDay.groups.reduce((sum, g) => sum + g.count, 0);
    const payable = perDay.groups.reduce((sum, g) => sum + g.payable, 0);
    section.dataset.total = total;
    if (total === 0) {
      clear();
      section.dataset.state = 'empty';
      status.innerHTML = `${days.from} – ${days.to}：此期间没有决策。<span class="en">No decisions from ${days.from} to ${days.to}.</span>`;
      return;
    }
    regions = {insuredRegion: insured.groups, treatmentRegion: treatment.groups};
    outcomesPerDay(perDayAndOutcome.groups, days, chosen.type);
    topReasons(reasons.groups, days, chosen.type);
    payablePerDay(perDay.groups, days);
    byRegion(days, chosen.type);
    $('#charts-region-by').onchange = () => byRegion(days, chosen.type);
    section.dataset.state = 'drawn';
    status.innerHTML = `${days.from} – ${days.to}：共 <b id="charts-total">${total}</b> 条决策，应付合计 ¥ ${money(payable)}
      <span class="en">${total} decisions, ¥ ${money(payable)} payable</span>`;
  } catch (error) {
    clear();
    section.dataset.state = 'error';
    status.innerHTML = '';
    const message = document.createElement('span');
    message.className = 'bad';
    message.textContent = error.message;
    status.append(message);
  }
}

$('#charts-period').addEventListener('submit', show);
$('#charts-last-30').addEventListener('click', () => { $('#charts-from').value = ''; $('#charts-to').value = ''; show(); });
show();
