/**
 * A small SVG line chart (no chart library: the pages stay light). Bands shade
 * ranges (severity bands, normal ranges); reference lines mark thresholds.
 * Screen readers get `label`; pages show the numbers in a table beside it.
 */
export type ChartSeries = { name: string; color: string; points: { x: number; y: number }[] };
export type ChartBand = { from: number; to: number; color: string; label: string };
export type ChartLine = { y: number; label: string; color?: string };

type Props = {
  label: string;
  series: ChartSeries[];
  x: { min: number; max: number; format: (v: number) => string; ticks?: number[] };
  y: { min: number; max: number; ticks: number[] };
  bands?: ChartBand[];
  lines?: ChartLine[];
  height?: number;
};

const W = 640;
const PAD = { left: 40, right: 12, top: 12, bottom: 28 };

export function LineChart({ label, series, x, y, bands = [], lines = [], height = 240 }: Props) {
  const H = height;
  const sx = (v: number) =>
    PAD.left + ((v - x.min) / Math.max(1, x.max - x.min)) * (W - PAD.left - PAD.right);
  const sy = (v: number) =>
    H - PAD.bottom - ((v - y.min) / Math.max(1, y.max - y.min)) * (H - PAD.top - PAD.bottom);
  const xTicks = x.ticks ?? [x.min, (x.min + x.max) / 2, x.max];
  return (
    <figure className="w-full">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} className="h-auto w-full">
        {bands.map((b) => (
          <g key={b.label}>
            <rect
              x={PAD.left}
              width={W - PAD.left - PAD.right}
              y={sy(Math.min(b.to, y.max))}
              height={Math.max(0, sy(Math.max(b.from, y.min)) - sy(Math.min(b.to, y.max)))}
              fill={b.color}
            />
            <text
              x={W - PAD.right - 4}
              y={sy(Math.min(b.to, y.max)) + 11}
              textAnchor="end"
              fontSize="9"
              fill="#475569"
            >
              {b.label}
            </text>
          </g>
        ))}
        {y.ticks.map((t) => (
          <g key={`y${t}`}>
            <line x1={PAD.left} x2={W - PAD.right} y1={sy(t)} y2={sy(t)} stroke="#e2e8f0" />
            <text x={PAD.left - 6} y={sy(t) + 3} textAnchor="end" fontSize="10" fill="#64748b">
              {t}
            </text>
          </g>
        ))}
        {xTicks.map((t) => (
          <text key={`x${t}`} x={sx(t)} y={H - 8} textAnchor="middle" fontSize="10" fill="#64748b">
            {x.format(t)}
          </text>
        ))}
        {lines.map((l) => (
          <g key={l.label}>
            <line
              x1={PAD.left}
              x2={W - PAD.right}
              y1={sy(l.y)}
              y2={sy(l.y)}
              stroke={l.color ?? "#b91c1c"}
              strokeDasharray="4 3"
            />
            <text x={PAD.left + 4} y={sy(l.y) - 3} fontSize="9" fill={l.color ?? "#b91c1c"}>
              {l.label}
            </text>
          </g>
        ))}
        {series.map((s) => (
          <g key={s.name}>
            <polyline
              fill="none"
              stroke={s.color}
              strokeWidth="2"
              points={s.points.map((p) => `${sx(p.x)},${sy(p.y)}`).join(" ")}
            />
            {s.points.map((p) => (
              <circle key={`${s.name}-${p.x}-${p.y}`} cx={sx(p.x)} cy={sy(p.y)} r="3" fill={s.color} />
            ))}
          </g>
        ))}
      </svg>
      <figcaption className="mt-1 flex flex-wrap gap-3 text-xs text-slate-600">
        {series.map((s) => (
          <span key={s.name} className="inline-flex items-center gap-1">
            <span
              className="inline-block h-2 w-4 rounded"
              style={{ background: s.color }}
              aria-hidden="true"
            />
            {s.name}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
