/** The table for the terminal and the README, and a small SVG chart of every figure against its goal. */
import type { BundleSize } from './size.js';
import type { Figure } from './figures.js';

const mark = (ok: boolean | null) => (ok === null ? ' ' : ok ? '✓' : '✗');

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line];
}

/** A plain-text table, grouped by section, for the terminal. */
export function textTable(figures: Figure[]): string {
  const widths = { name: 58, text: 44, goal: 26 };
  const out: string[] = [];
  let section = '';
  for (const f of figures) {
    if (f.section !== section) {
      section = f.section;
      out.push('', section, '─'.repeat(Math.min(130, widths.name + widths.text + widths.goal + 8)));
    }
    const name = wrap(f.name, widths.name);
    const text = wrap(f.text, widths.text);
    const goal = wrap(f.goal, widths.goal);
    for (let i = 0; i < Math.max(name.length, text.length, goal.length); i++) {
      out.push(
        `${i === 0 ? mark(f.ok) : ' '} ${(name[i] ?? '').padEnd(widths.name)}  ${(text[i] ?? '').padEnd(widths.text)}  ${goal[i] ?? ''}`.trimEnd(),
      );
    }
  }
  return out.join('\n');
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The same as a Markdown table (for the README). */
export function markdownTable(figures: Figure[]): string {
  const rows = ['| | figure | result | goal |', '|---|---|---|---|'];
  let section = '';
  for (const f of figures) {
    if (f.section !== section) {
      section = f.section;
      rows.push(`| | **${cell(section)}** | | |`);
    }
    rows.push(`| ${mark(f.ok)} | ${cell(f.name)} | ${cell(f.text)} | ${cell(f.goal)} |`);
  }
  return rows.join('\n');
}

/** A section's first words: "Server fan-out", "Incoming burst". */
const topic = (section: string) => (section.startsWith('Server') ? section.replace(/^Server: (\S+).*$/, 'Server $1') : section.split(/[(:,]/)[0].trim());

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Two panels: bundle bytes (brotli) of ours and the peers, before first paint and
 * the rest; then every figure with a numeric goal as its multiple of that goal on
 * a log scale (left of the line is inside the goal).
 */
export function svgChart(figures: Figure[], bundles: BundleSize[], title: string): string {
  const width = 900;
  const parts: string[] = [];
  let y = 40;
  parts.push(`<text x="20" y="24" font-size="16" font-weight="bold">${esc(title)}</text>`);

  if (bundles.length) {
    const max = Math.max(...bundles.map((b) => b.total.brotli), 1);
    const scale = (bytes: number) => (bytes / max) * 480;
    parts.push(`<text x="20" y="${y + 14}" font-size="13" font-weight="bold">Bundle, brotli kB: before first paint (dark) and loaded later (light)</text>`);
    y += 26;
    for (const b of bundles) {
      const initial = scale(b.initial.brotli);
      const rest = scale(b.total.brotli - b.initial.brotli);
      parts.push(
        `<text x="20" y="${y + 13}" font-size="12">${esc(b.name)}</text>`,
        `<rect x="300" y="${y + 2}" width="${initial.toFixed(1)}" height="14" fill="#1a5fb4"/>`,
        `<rect x="${(300 + initial).toFixed(1)}" y="${y + 2}" width="${rest.toFixed(1)}" height="14" fill="#99c1f1"/>`,
        `<text x="${(306 + initial + rest).toFixed(1)}" y="${y + 13}" font-size="12">${(b.initial.brotli / 1000).toFixed(1)} + ${((b.total.brotli - b.initial.brotli) / 1000).toFixed(1)}</text>`,
      );
      y += 20;
    }
    y += 16;
  }

  const plotted = figures.filter((f) => f.ok !== null && f.ofGoal !== undefined && Number.isFinite(f.ofGoal) && f.ofGoal > 0);
  if (plotted.length) {
    const left = 470;
    const span = 380;
    const lo = Math.log10(0.01);
    const hi = Math.log10(100);
    const x = (v: number) => left + ((Math.log10(Math.min(100, Math.max(0.01, v))) - lo) / (hi - lo)) * span;
    parts.push(`<text x="20" y="${y + 14}" font-size="13" font-weight="bold">Each figure as a multiple of its goal (log scale; at or left of the line meets it)</text>`);
    y += 24;
    const top = y;
    for (const tick of [0.01, 0.1, 1, 10, 100]) {
      parts.push(`<text x="${x(tick).toFixed(1)}" y="${y + 10}" font-size="10" text-anchor="middle">${tick}×</text>`);
    }
    y += 16;
    for (const f of plotted) {
      const label = `${topic(f.section)}: ${f.name}`;
      const short = label.length > 70 ? `${label.slice(0, 69)}…` : label;
      parts.push(
        `<text x="20" y="${y + 11}" font-size="11">${esc(short)}</text>`,
        `<rect x="${left}" y="${y + 2}" width="${(x(f.ofGoal!) - left).toFixed(1)}" height="11" fill="${f.ok ? '#2ec27e' : '#e01b24'}"><title>${esc(`${f.name}: ${f.text} (goal ${f.goal})`)}</title></rect>`,
      );
      y += 16;
    }
    parts.push(`<line x1="${x(1).toFixed(1)}" y1="${top + 12}" x2="${x(1).toFixed(1)}" y2="${y}" stroke="#000" stroke-dasharray="3 2"/>`);
    y += 10;
  }
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y + 10}" viewBox="0 0 ${width} ${y + 10}" font-family="system-ui, sans-serif" role="img" aria-label="${esc(title)}">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}
