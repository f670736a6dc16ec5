import { useCallback, useEffect, useReducer } from 'react';
import type { Ledger, PaySheet } from '../../../../../electron/common/attendance.js';
import type { ApiClient } from '../../../transport/api-client.js';

/** What the attendance section shows for one month: the ledger, the pay sheet, or why not. */
export interface AttendanceMonthState {
  month: string;
  loading: boolean;
  ledger: Ledger | null;
  pay: PaySheet | null;
  error: string | null;
}

type Action = { type: 'load'; month: string } | { type: 'loaded'; month: string; ledger: Ledger; pay: PaySheet | null } | { type: 'failed'; month: string; error: string };

function reduce(state: AttendanceMonthState, action: Action): AttendanceMonthState {
  if (action.type === 'load') return { month: action.month, loading: true, ledger: state.month === action.month ? state.ledger : null, pay: state.month === action.month ? state.pay : null, error: null };
  if (action.month !== state.month) return state; // an answer for a month no longer shown
  if (action.type === 'loaded') return { ...state, loading: false, ledger: action.ledger, pay: action.pay, error: null };
  return { ...state, loading: false, error: action.error };
}

/** Loads a month's ledger (and pay sheet where the role may see pay); `reload` after closing it. */
export function useAttendanceMonth(client: ApiClient, month: string, withPay: boolean): AttendanceMonthState & { reload: () => void } {
  const [state, dispatch] = useReducer(reduce, { month, loading: true, ledger: null, pay: null, error: null });
  const load = useCallback(() => {
    dispatch({ type: 'load', month });
    Promise.all([client.call('getAttendanceLedger', { month }), withPay ? client.call('getPaySheet', { month }) : Promise.resolve(null)])
      .then(([ledger, pay]) => dispatch({ type: 'loaded', month, ledger, pay }))
      .catch((error: Error) => dispatch({ type: 'failed', month, error: error.message }));
  }, [client, month, withPay]);
  useEffect(load, [load]);
  return { ...state, reload: load };
}
