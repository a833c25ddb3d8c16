export { recordEvent, diff, subscribe, setFanOutFilter, type FanOutFilter, type Changes, type DomainEvent, type RecordedEvent, type EventSubscriber } from './record-event.js';
