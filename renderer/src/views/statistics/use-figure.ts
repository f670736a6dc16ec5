import { useEffect, useState } from 'react';
import type { StatFigureId, StatPeriodRequest, StatTable } from '../../../../electron/common/statistics.js';
import type { ApiClient } from '../../transport/api-client.js';

export type FigureState = { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; table: StatTable };

/** One figure for a period, fetched again when the period changes (and every `refreshMs`, for wall panels). */
export function useFigure(client: ApiClient, figure: StatFigureId, period: StatPeriodRequest, refreshMs?: number): FigureState {
  const [result, setResult] = useState<FigureState>({ state: 'loading' });
  const key = JSON.stringify(period);
  useEffect(() => {
    let live = true;
    const load = () =>
      client
        .call('getStatisticsFigure', { figure, ...(JSON.parse(key) as StatPeriodRequest) })
        .then((table) => live && setResult({ state: 'ready', table }))
        .catch((error: unknown) => live && setResult({ state: 'error', message: (error as Error).message }));
    void load();
    const timer = refreshMs ? setInterval(() => void load(), refreshMs) : null;
    return () => {
      live = false;
      if (timer) clearInterval(timer);
    };
  }, [client, figure, key, refreshMs]);
  return result;
}
