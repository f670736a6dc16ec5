/** `4.02 m ± 0.03 m`: the value and its 1σ uncertainty, to a precision the uncertainty supports. */
export function formatMeasured(value: number, uncertainty: number, unit: string): string {
  const digits = uncertainty > 0 && uncertainty < 0.01 ? 3 : 2;
  return `${value.toFixed(digits)} ${unit} ± ${uncertainty.toFixed(digits)} ${unit}`;
}
