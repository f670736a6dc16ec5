/**
 * The audible alarm: a WebAudio tone that repeats while any critical or high alarm is
 * unacknowledged, and a mute switch remembered on this screen (localStorage). Browsers only
 * start audio after a user gesture, so the context is created (or resumed) on the first
 * click or key press; until then `blocked` is true and the banner says so.
 */
import type { AlarmPriority } from '../../../../electron/common/alarms.js';
import { ValueStore } from '../../state/external-store.js';

const MUTE_KEY = 'site-command.alarm-muted';

/** Pulse pattern per priority: critical is faster and higher than high (IEC 60601-1-8 style urgency). */
const PATTERN: Partial<Record<AlarmPriority, { hz: number; pulses: number; everyMs: number }>> = {
  critical: { hz: 880, pulses: 3, everyMs: 2000 },
  high: { hz: 660, pulses: 2, everyMs: 4000 },
};

function readMuted(): boolean {
  try {
    return localStorage.getItem(MUTE_KEY) === '1';
  } catch {
    return false;
  }
}

export class AlarmHorn {
  readonly muted = new ValueStore<boolean>(readMuted());
  /** Sound is due but the browser has not allowed audio yet (no user gesture on this page). */
  readonly blocked = new ValueStore<boolean>(false);
  /** Whether the tone is repeating now (also shown as `data-sound` for tests and diagnostics). */
  readonly sounding = new ValueStore<boolean>(false);
  private context: AudioContext | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private priority: AlarmPriority | null = null;

  setMuted(muted: boolean): void {
    try {
      localStorage.setItem(MUTE_KEY, muted ? '1' : '0');
    } catch {
      // Private mode: the switch still works for this page.
    }
    this.muted.set(muted);
    this.update(this.priority);
  }

  /** Call from a user gesture: browsers allow audio only after one. */
  unlock = (): void => {
    if (typeof AudioContext === 'undefined') return;
    this.context ??= new AudioContext();
    if (this.context.state === 'suspended') void this.context.resume().then(() => this.update(this.priority));
    else this.update(this.priority);
  };

  /** Sounds for `priority` (the highest unacknowledged audible one), or stops when null. */
  update(priority: AlarmPriority | null): void {
    const pattern = priority ? PATTERN[priority] : undefined;
    const changed = priority !== this.priority;
    this.priority = priority;
    const due = !!pattern && !this.muted.get();
    const running = !!this.context && this.context.state === 'running';
    this.blocked.set(due && !running);
    if (!due || !running) {
      this.stopTimer();
      this.sounding.set(false);
      return;
    }
    if (this.timer && !changed) return;
    this.stopTimer();
    this.beep(pattern);
    this.timer = setInterval(() => this.beep(pattern), pattern.everyMs);
    this.sounding.set(true);
  }

  dispose(): void {
    this.stopTimer();
    void this.context?.close();
    this.context = null;
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private beep(pattern: { hz: number; pulses: number }): void {
    const ctx = this.context;
    if (!ctx) return;
    const start = ctx.currentTime + 0.02;
    for (let i = 0; i < pattern.pulses; i++) {
      const at = start + i * 0.25;
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'square';
      osc.frequency.value = pattern.hz;
      gain.gain.setValueAtTime(0, at);
      gain.gain.linearRampToValueAtTime(0.15, at + 0.01);
      gain.gain.setValueAtTime(0.15, at + 0.15);
      gain.gain.linearRampToValueAtTime(0, at + 0.17);
      osc.connect(gain).connect(ctx.destination);
      osc.start(at);
      osc.stop(at + 0.2);
    }
  }
}
