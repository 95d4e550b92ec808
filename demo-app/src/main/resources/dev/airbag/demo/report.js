// Draws the four charts of every scenario from DEMO (built by ReportData), with Chart.js.
Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
Chart.defaults.color = '#616e7c';
Chart.defaults.animation = false;
Chart.defaults.maintainAspectRatio = false;

const LOG_TICKS = [1, 10, 100, 1000, 2000, 5000, 10000, 20000, 50000];
// Far apart in hue and lightness, none the red of "without Airbag".
const CIRCUIT_COLOURS = ['#1a9e77', '#e6a117', '#2f6fde', '#8e44ad', '#7f8c8d', '#111827'];

function alpha(hex, a) {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${n >> 16}, ${(n >> 8) & 255}, ${n & 255}, ${a})`;
}

function options(title, endS, y, extra) {
  return Object.assign({
    parsing: true,
    plugins: {
      title: { display: true, text: title, align: 'start', color: '#1f2933', font: { size: 14, weight: '600' } },
      legend: { position: 'bottom', labels: { boxWidth: 12, usePointStyle: true, pointStyle: 'circle',
        sort: (a, b) => a.datasetIndex - b.datasetIndex } },
    },
    scales: {
      x: { type: 'linear', min: 0, max: endS, title: { display: true, text: 'seconds since the queue started' },
        grid: { color: '#eef0f3' } },
      y: Object.assign({ grid: { color: '#eef0f3' } }, y),
    },
  }, extra || {});
}

function draw(id, config) {
  const canvas = document.getElementById(id);
  if (canvas) new Chart(canvas, config);
}

for (const s of DEMO) {
  draw(`${s.name}-success`, {
    type: 'bar',
    data: { datasets: s.ways.map(w => ({ label: w.title, data: w.success, backgroundColor: alpha(w.colour, 0.85),
      borderRadius: 3, categoryPercentage: 0.75, barPercentage: 0.9 })) },
    options: options('Success seen by the app, by when the call started', s.endS,
      { min: 0, max: 100, ticks: { stepSize: 25, callback: v => v + '%' } },
      { scales: { x: { type: 'category', grid: { display: false }, ticks: { maxRotation: 0, autoSkip: true } },
        y: { min: 0, max: 100, grid: { color: '#eef0f3' }, ticks: { stepSize: 25, callback: v => v + '%' } } } }),
  });

  draw(`${s.name}-latency`, {
    type: 'scatter',
    data: { datasets: s.ways.map(w => ({ label: w.title, data: w.latency, borderColor: w.colour,
      backgroundColor: alpha(w.colour, 0.55), pointRadius: ctx => ctx.raw && !ctx.raw.ok ? 6 : 3.5,
      pointStyle: ctx => ctx.raw && !ctx.raw.ok ? 'crossRot' : w.pointStyle, borderWidth: 1.5 })) },
    options: options('Latency seen by the app (× = error shown)', s.endS,
      { type: 'logarithmic', title: { display: true, text: 'ms (log scale)' },
        ticks: { callback: v => LOG_TICKS.includes(v) ? v.toLocaleString() : '' } }),
  });

  // Colour names the circuit (the model), the dash names the way: two circuits never share a colour.
  const models = [...new Set(s.ways.flatMap(w => w.circuits.map(c => c.model)))];
  const circuitSets = [];
  for (const [k, w] of s.ways.entries()) {
    w.circuits.forEach(c => {
      const colour = CIRCUIT_COLOURS[models.indexOf(c.model) % CIRCUIT_COLOURS.length];
      circuitSets.push({ order: -k, label: `${w.title}: ${c.model}`, data: c.points, stepped: 'before',
        borderColor: colour, backgroundColor: colour, borderWidth: 3 - k * 0.5, pointRadius: 0, clip: 6,
        borderDash: w.dash });
    });
  }
  const quiet = s.ways.filter(w => w.breaker && !w.circuitsMoved).map(w => w.title);
  draw(`${s.name}-circuits`, {
    type: 'line',
    data: { datasets: circuitSets },
    options: options('Circuit state (without Airbag there is no breaker)'
        + (quiet.length ? ` · stayed closed: ${quiet.join(', ')}` : ''), s.endS,
      { min: 0, max: 2, grace: 0, ticks: { stepSize: 1, callback: v => ['closed', 'half-open', 'open'][v] ?? '' } }),
  });

  draw(`${s.name}-upstream`, {
    type: 'line',
    data: { datasets: s.ways.map((w, i) => ({ label: w.title, data: w.upstream, borderColor: w.colour,
      backgroundColor: w.colour, borderWidth: 3 - i * 0.5, pointRadius: 0, stepped: 'before', order: -i,
      borderDash: w.dash })) },
    options: options('Upstream requests per second (what the provider sees)', s.endS,
      { beginAtZero: true, title: { display: true, text: 'requests / s' } }),
  });
}
