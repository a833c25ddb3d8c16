/** Public surface of the SLA module; other modules import only from here. */
export {
  ALWAYS_OPEN,
  WEEKDAYS,
  addBusinessTime,
  businessIntervals,
  businessTimeBetween,
  calendarProblems,
  isBusinessTime,
  nextBusinessInstant,
  officeHoursCalendar,
  type AlwaysOpenCalendar,
  type BusinessCalendar,
  type BusinessHoursCalendar,
  type DateOverride,
  type Holiday,
  type TimeRange,
  type Weekday,
} from './calendar.js';
export {
  evaluateClock,
  formatDuration,
  type ClockEvent,
  type ClockEventKind,
  type ClockInput,
  type ClockState,
  type ClockView,
  type TimelineEntry,
  type TimelineKind,
  type WarningView,
} from './clock.js';
export { parseICalHolidays, type ICalImportOptions, type ICalImportResult, type ICalSkipped } from './ical.js';
export {
  DEFAULT_SLA_CATALOGUE,
  SLA_PRIORITIES,
  catalogueProblems,
  resolveCalendar,
  targetFor,
  type CalendarRef,
  type MetricTargets,
  type ResolvedTarget,
  type SlaCatalogue,
  type SlaMetric,
  type SlaPlan,
  type SlaPriority,
} from './targets.js';
export { nearestDeadlines, slaDueView, type SlaDue } from './queue-deadlines.js';
