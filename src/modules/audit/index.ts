export { recordEvent, diff, type Changes, type DomainEvent } from './record-event.js';
