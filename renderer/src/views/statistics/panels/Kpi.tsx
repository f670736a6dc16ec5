/** One big number with its label (and unit), readable at 3 m; `over` marks a value past its limit in words and colour. */
export function Kpi({ label, value, unit, over, testId }: { label: string; value: number | null | undefined; unit?: string; over?: boolean; testId?: string }) {
  return (
    <div className="stat-kpi" data-testid={testId}>
      <span className={over ? 'value over' : 'value'}>
        {value === null || value === undefined ? '—' : value}
        {unit && value !== null && value !== undefined ? <small> {unit}</small> : null}
        {over ? <small> ▲</small> : null}
      </span>
      <span className="label">{label}</span>
    </div>
  );
}
