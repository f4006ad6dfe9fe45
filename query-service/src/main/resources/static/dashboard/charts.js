// The department's cumulative execution curve (ECharts from the WebJar, loaded by index.html).
// Rates, not amounts, go on the axis: fund sources of very different sizes, the time-progress line and
// the quarterly targets then share one scale, the one the rules and the rubric judge by.

import { percent } from './format.js';
import { current, t, term } from './i18n.js';

const COLOURS = ['#c23531', '#2f4554', '#61a0a8', '#d48265', '#91c7ae', '#749f83'];
const charts = new Map();

export function available() {
  return typeof window.echarts !== 'undefined';
}

/**
 * Draws {fundSources, timeProgress, quarterTargets} (rates 0…1, dates ISO) into the element; returns
 * false (and draws nothing) when there is nothing to draw.
 */
export function executionCurve(element, fiscalYear, data) {
  if (!available() || !data || data.fundSources.every((s) => s.points.length === 0)) return false;
  const chart = charts.get(element)
    ?? window.echarts.init(element, null, { renderer: 'canvas', locale: current() === 'zh' ? 'ZH' : 'EN' });
  charts.set(element, chart);
  const start = `${fiscalYear}-01-01`;
  const end = `${fiscalYear}-12-31`;
  const progress = data.timeProgress.length > 0
    ? data.timeProgress.map((p) => [p.date, Number(p.rate)])
    : [[start, 0], [end, 1]]; // 序时进度: a straight line through the year
  const highest = Math.max(1, ...data.fundSources.flatMap((s) => s.points.map((p) => Number(p.rate) || 0)));
  chart.setOption({
    color: COLOURS,
    animation: false,
    grid: { left: 48, right: 16, top: 56, bottom: 32 },
    legend: { top: 0, type: 'scroll' },
    tooltip: { trigger: 'axis', valueFormatter: (v) => percent(v) },
    xAxis: { type: 'time', min: start, max: end },
    yAxis: { type: 'value', min: 0, max: Math.ceil(highest * 10) / 10, axisLabel: { formatter: (v) => `${Math.round(v * 100)}%` } },
    series: [
      ...data.fundSources.map((s) => ({
        name: term(s.key), type: 'line', step: false, symbolSize: 6,
        data: [[start, 0], ...s.points.filter((p) => p.rate !== null).map((p) => [p.date, Number(p.rate)])]
      })),
      { name: t('timeLine'), type: 'line', symbol: 'none', lineStyle: { type: 'dashed', color: '#888' }, itemStyle: { color: '#888' }, data: progress },
      { name: t('quarterTargets'), type: 'scatter', symbol: 'diamond', symbolSize: 12, itemStyle: { color: '#e6a23c' },
        data: data.quarterTargets.map((q) => [q.date, Number(q.rate)]) }
    ]
  }, true);
  return true;
}

/** ECharts measures its element once: a resized window (or a rotated phone) needs a new measure. */
window.addEventListener('resize', () => charts.forEach((chart) => chart.resize()));

/** Charts of elements no longer on the page are released. */
export function forget(root) {
  charts.forEach((chart, element) => {
    if (!root.contains(element) || !document.body.contains(element)) {
      chart.dispose();
      charts.delete(element);
    }
  });
}
