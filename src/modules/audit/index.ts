export { recordEvent, diff, subscribe, type Changes, type DomainEvent, type RecordedEvent, type EventSubscriber } from './record-event.js';
