/**
 * An SLA clock as a pure fold over its events. Nothing is stored but the events: the state, the due
 * instant, warnings and the explained timeline are recomputed from them, so a change of calendar or
 * target can never leave a stale due date behind. Several clocks on one request are several folds.
 */
import { AppError } from '../../shared/errors.js';
import { addBusinessTime, businessTimeBetween, type BusinessCalendar } from './calendar.js';

export type ClockEventKind = 'start' | 'pause' | 'resume' | 'stop' | 'retarget' | 'cancel';

export interface ClockEvent {
  at: Date;
  kind: ClockEventKind;
  reason?: string;
  /** Who caused it (an agent id, `customer`, `system`); shown in the timeline. */
  by?: string;
  /** Only for `retarget`: the new target in business ms. */
  targetMs?: number;
}

export interface ClockInput {
  calendar: BusinessCalendar;
  /** Business ms allowed; null measures without a target (e.g. a beta service has no SLA). */
  targetMs: number | null;
  events: readonly ClockEvent[];
  /** The instant to evaluate at; defaults to the last event. Events after it are ignored. */
  now?: Date;
  /** Fractions of the target, each in (0, 1), e.g. [0.5, 0.75, 0.9]. */
  warnAt?: readonly number[];
}

/**
 * idle: never started. running / paused: within target. met: stopped within target. breached: ran past
 * the due instant (final, even if still running or the target is raised later). stopped: stopped, no target.
 * cancelled: the request stopped being covered (moved to a service without SLA) before it breached; such a
 * clock counts neither as met nor as breached. A start after it continues the cycle, like a reopen.
 */
export type ClockState = 'idle' | 'running' | 'paused' | 'met' | 'breached' | 'stopped' | 'cancelled';

export type TimelineKind =
  | 'started'
  | 'paused'
  | 'resumed'
  | 'stopped'
  | 'cancelled'
  | 'reopened'
  | 'retargeted'
  | 'recomputed'
  | 'warned'
  | 'breached'
  | 'met';

export interface TimelineEntry {
  at: Date;
  kind: TimelineKind;
  /** A sentence for a person; the other fields carry the same facts for a UI to render its own way. */
  note: string;
  by?: string;
  reason?: string;
  elapsedMs: number;
  targetMs: number | null;
  dueAt?: Date | null;
  fraction?: number;
}

export interface WarningView {
  fraction: number;
  /** When elapsed time reaches this fraction (past or projected); null while paused before reaching it. */
  dueAt: Date | null;
  /** When the warning fired in this fold; null if not (yet). */
  firedAt: Date | null;
}

export interface ClockView {
  state: ClockState;
  /** True while business time is being counted (also when already breached). */
  counting: boolean;
  targetMs: number | null;
  elapsedMs: number;
  /** Business time that passed while paused: what the pauses kept off the clock. */
  pausedMs: number;
  /** target − elapsed; negative once overdue. */
  remainingMs: number | null;
  percent: number | null;
  startedAt: Date | null;
  stoppedAt: Date | null;
  /** When elapsed reaches the target: historical once reached, projected while running, else null. */
  dueAt: Date | null;
  breachedAt: Date | null;
  warnings: WarningView[];
  timeline: TimelineEntry[];
  ignored: { event: ClockEvent; why: string }[];
}

interface Segment {
  from: number;
  to: number;
  elapsedBefore: number;
  ms: number;
}

type Phase = 'idle' | 'running' | 'paused' | 'stopped';

export function formatDuration(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  const abs = Math.abs(ms);
  const h = Math.floor(abs / 3_600_000);
  const m = Math.floor((abs % 3_600_000) / 60_000);
  const s = Math.floor((abs % 60_000) / 1000);
  return `${sign}${h}h ${String(m).padStart(2, '0')}m${s ? ` ${String(s).padStart(2, '0')}s` : ''}`;
}

const iso = (t: number): string => new Date(t).toISOString();
const dateOrNull = (t: number | null | undefined): Date | null => (t === null || t === undefined ? null : new Date(t));

function validTarget(ms: unknown): ms is number {
  return typeof ms === 'number' && Number.isFinite(ms) && ms > 0;
}

/** The fold's running state; one instance per evaluation, never shared. */
class ClockFold {
  phase: Phase = 'idle';
  elapsed = 0;
  paused = 0;
  /** Instant up to which elapsed/paused are accounted. */
  since = Number.NEGATIVE_INFINITY;
  segments: Segment[] = [];
  startedAt: number | null = null;
  stoppedAt: number | null = null;
  breachedAt: number | null = null;
  /** Stopped by a cancel (not by a reply or a resolve) and not started again since. */
  cancelled = false;
  /** Warning fraction → instant it fired. */
  fired = new Map<number, number>();
  timeline: TimelineEntry[] = [];
  ignored: { event: ClockEvent; why: string }[] = [];

  constructor(
    private readonly calendar: BusinessCalendar,
    private readonly fractions: readonly number[],
    public target: number | null,
  ) {}

  private threshold(fraction: number): number {
    return Math.round(fraction * (this.target ?? 0));
  }

  private push(at: number, kind: TimelineKind, note: string, extra: Partial<TimelineEntry> = {}): void {
    this.timeline.push({ at: new Date(at), kind, note, elapsedMs: this.elapsed, targetMs: this.target, ...extra });
  }

  private add(from: number, ms: number): number {
    return addBusinessTime(this.calendar, new Date(from), ms).getTime();
  }

  private between(a: number, b: number): number {
    return businessTimeBetween(this.calendar, new Date(a), new Date(b));
  }

  /** The instant elapsed reaches `x`: from the recorded segments, else projected if running. */
  instantOf(x: number): number | null {
    for (const s of this.segments) {
      if (s.elapsedBefore + s.ms >= x) return this.add(s.from, Math.max(0, x - s.elapsedBefore));
    }
    return this.phase === 'running' ? this.add(this.since, Math.max(0, x - this.elapsed)) : null;
  }

  dueNow(): number | null {
    return this.target === null ? null : this.instantOf(this.target);
  }

  private fireWarning(fraction: number, at: number, why: string, elapsedMs: number): void {
    this.fired.set(fraction, at);
    const note = `Warned at ${Math.round(fraction * 100)} % of ${formatDuration(this.target ?? 0)}${why}`;
    this.push(at, 'warned', note, { fraction, elapsedMs });
  }

  private fireBreach(at: number, note: string, elapsedMs: number): void {
    this.breachedAt = at;
    this.push(at, 'breached', note, { elapsedMs, dueAt: dateOrNull(this.dueNow() ?? at) });
  }

  /** Accounts business time up to `to`, emitting the warnings and breach that fall inside. */
  advance(to: number): void {
    if (to <= this.since) return;
    if (this.phase === 'running') this.run(to);
    else if (this.phase === 'paused') this.paused += this.between(this.since, to);
    this.since = to;
  }

  private run(to: number): void {
    const crossings: { at: number; x: number; fraction: number | null }[] = [];
    const crossing = (x: number): number => (x <= this.elapsed ? this.since : this.add(this.since, x - this.elapsed));
    if (this.target !== null) {
      for (const fraction of this.fractions) {
        if (this.fired.has(fraction)) continue;
        const x = this.threshold(fraction);
        const at = crossing(x);
        if (at < to) crossings.push({ at, x, fraction });
      }
      // Strictly before `to`: a clock stopped exactly at its due instant has met the target.
      const due = crossing(this.target);
      if (this.breachedAt === null && due < to) crossings.push({ at: due, x: this.target, fraction: null });
    }
    crossings.sort((a, b) => a.at - b.at || a.x - b.x);
    const ms = this.between(this.since, to);
    this.segments.push({ from: this.since, to, elapsedBefore: this.elapsed, ms });
    for (const c of crossings) {
      const elapsedMs = Math.max(c.x, this.elapsed);
      if (c.fraction !== null) this.fireWarning(c.fraction, c.at, '', elapsedMs);
      else {
        const note = `Breached: ran past the due instant ${iso(c.at)} (${formatDuration(this.target ?? 0)} used up)`;
        this.fireBreach(c.at, note, elapsedMs);
      }
    }
    this.elapsed += ms;
  }

  private recomputed(at: number, cause: string): void {
    const due = this.dueNow();
    const note =
      this.target === null
        ? `No target; ${formatDuration(this.elapsed)} elapsed (${cause})`
        : due === null
          ? `${formatDuration(this.target - this.elapsed)} left; due is set again on resume (${cause})`
          : `Due ${iso(due)}: ${formatDuration(this.elapsed)} elapsed, ${formatDuration(this.paused)} paused excluded (${cause})`;
    this.push(at, 'recomputed', note, { dueAt: dateOrNull(due) });
  }

  private retarget(at: number, targetMs: number, note: string, meta: Partial<TimelineEntry>): void {
    this.target = targetMs;
    // A lowered priority re-arms warnings not yet reached under the new target; fired ones stay in the timeline.
    for (const fraction of [...this.fired.keys()]) if (this.threshold(fraction) > this.elapsed) this.fired.delete(fraction);
    this.push(at, 'retargeted', note, meta);
    if (this.phase !== 'running' && this.phase !== 'paused') return;
    // Already past a threshold of the new target: that is known only now, so it fires now.
    for (const fraction of this.fractions) {
      if (!this.fired.has(fraction) && this.threshold(fraction) < this.elapsed) {
        this.fireWarning(fraction, at, ' (after retarget)', this.elapsed);
      }
    }
    if (this.breachedAt === null && targetMs < this.elapsed) {
      this.fireBreach(at, `Breached by retarget: ${formatDuration(this.elapsed)} already elapsed`, this.elapsed);
    }
    this.recomputed(at, 'retarget');
  }

  apply(e: ClockEvent): void {
    const at = e.at.getTime();
    const who = e.by ? ` by ${e.by}` : '';
    const why = e.reason ? `: ${e.reason}` : '';
    const meta = { ...(e.by ? { by: e.by } : {}), ...(e.reason ? { reason: e.reason } : {}) };
    const skip = (reason: string): void => void this.ignored.push({ event: e, why: reason });
    this.advance(at);
    switch (e.kind) {
      case 'start':
        if (this.phase === 'idle') {
          this.phase = 'running';
          this.startedAt = at;
          this.push(at, 'started', `Started${who}${why}`, meta);
          this.recomputed(at, 'start');
        } else if (this.phase === 'stopped') {
          // Reopen continues the same cycle: a premature resolve must not reset the clock it stopped.
          this.phase = 'running';
          this.stoppedAt = null;
          this.cancelled = false;
          this.push(at, 'reopened', `Reopened${who}${why}; time while resolved not counted`, meta);
          this.recomputed(at, 'reopen');
        } else skip('already started');
        return;
      case 'pause':
        if (this.phase !== 'running') return skip(`cannot pause while ${this.phase}`);
        this.phase = 'paused';
        this.push(at, 'paused', `Paused${who}${why}`, meta);
        return;
      case 'resume':
        if (this.phase !== 'paused') return skip(`cannot resume while ${this.phase}`);
        this.phase = 'running';
        this.push(at, 'resumed', `Resumed${who}${why}`, meta);
        this.recomputed(at, 'resume');
        return;
      case 'stop':
        if (this.phase !== 'running' && this.phase !== 'paused') return skip(`cannot stop while ${this.phase}`);
        this.phase = 'stopped';
        this.stoppedAt = at;
        this.push(at, 'stopped', `Stopped${who}${why} after ${formatDuration(this.elapsed)}`, meta);
        if (this.target !== null && this.breachedAt === null) {
          this.push(at, 'met', `Met: ${formatDuration(this.elapsed)} of ${formatDuration(this.target)} used`, meta);
        }
        return;
      case 'cancel':
        if (this.phase !== 'running' && this.phase !== 'paused') return skip(`cannot cancel while ${this.phase}`);
        this.phase = 'stopped';
        this.stoppedAt = at;
        this.cancelled = true;
        this.push(at, 'cancelled', `Cancelled${who}${why}: not counted as met or breached${this.breachedAt === null ? '' : ' (the breach stays)'}`, meta);
        return;
      case 'retarget':
        if (!validTarget(e.targetMs)) return skip('retarget needs a positive targetMs');
        this.retarget(at, e.targetMs, `Target ${formatDuration(this.target ?? 0)} → ${formatDuration(e.targetMs)}${who}${why}`, meta);
        return;
    }
  }

  view(): ClockView {
    const state: ClockState =
      this.phase === 'idle'
        ? 'idle'
        : this.breachedAt !== null
          ? 'breached'
          : this.phase === 'stopped'
            ? this.cancelled
              ? 'cancelled'
              : this.target === null
              ? 'stopped'
              : 'met'
            : this.phase;
    return {
      state,
      counting: this.phase === 'running',
      targetMs: this.target,
      elapsedMs: this.elapsed,
      pausedMs: this.paused,
      remainingMs: this.target === null ? null : this.target - this.elapsed,
      percent: this.target === null ? null : (this.elapsed / this.target) * 100,
      startedAt: dateOrNull(this.startedAt),
      stoppedAt: dateOrNull(this.stoppedAt),
      dueAt: dateOrNull(this.dueNow()),
      breachedAt: dateOrNull(this.breachedAt),
      warnings: this.fractions.map((fraction) => ({
        fraction,
        dueAt: this.phase === 'idle' || this.target === null ? null : dateOrNull(this.instantOf(this.threshold(fraction))),
        firedAt: dateOrNull(this.fired.get(fraction)),
      })),
      timeline: this.timeline,
      ignored: this.ignored,
    };
  }
}

/** Folds a clock's events into its state as seen at `now`. Throws only for a bad target or warning list. */
export function evaluateClock(input: ClockInput): ClockView {
  const fractions = [...new Set(input.warnAt ?? [])].sort((a, b) => a - b);
  if (fractions.some((f) => !(f > 0 && f < 1))) {
    throw new AppError('VALIDATION_FAILED', 'Warning points must be fractions between 0 and 1', { warnAt: input.warnAt });
  }
  if (input.targetMs !== null && !validTarget(input.targetMs)) {
    throw new AppError('VALIDATION_FAILED', 'The SLA target must be a positive number of ms', { targetMs: input.targetMs });
  }
  const fold = new ClockFold(input.calendar, fractions, input.targetMs);
  const events = input.events.filter((e) => {
    if (Number.isFinite(e.at.getTime())) return true;
    fold.ignored.push({ event: e, why: 'invalid date' });
    return false;
  });
  // Stable sort: events at the same instant keep the order they were recorded in.
  events.sort((a, b) => a.at.getTime() - b.at.getTime());
  const now = input.now ? input.now.getTime() : (events.at(-1)?.at.getTime() ?? 0);
  for (const e of events) {
    if (e.at.getTime() > now) fold.ignored.push({ event: e, why: 'after the evaluation instant' });
    else fold.apply(e);
  }
  fold.advance(now);
  return fold.view();
}
