import { useEffect, useState } from 'react';

/** The cursor (and the corner controls) go after this long without a move: nothing to see on a wall. */
export const IDLE_AFTER_MS = 3000;

/**
 * Kiosk behaviour while a wall screen is shown: the root font follows the display's height (text
 * stays the same share of the screen at 1080 p and 2160 p, see WALL_BASE_TEXT_FRACTION), the page
 * does not scroll, and `idle` turns true a few seconds after the last pointer move.
 */
export function useKiosk(): boolean {
  const [idle, setIdle] = useState(false);
  useEffect(() => {
    const root = document.documentElement;
    root.classList.add('wall-mode');
    let timer = setTimeout(() => setIdle(true), IDLE_AFTER_MS);
    const wake = () => {
      clearTimeout(timer);
      setIdle(false);
      timer = setTimeout(() => setIdle(true), IDLE_AFTER_MS);
    };
    window.addEventListener('pointermove', wake);
    window.addEventListener('keydown', wake);
    return () => {
      root.classList.remove('wall-mode');
      clearTimeout(timer);
      window.removeEventListener('pointermove', wake);
      window.removeEventListener('keydown', wake);
    };
  }, []);
  return idle;
}
