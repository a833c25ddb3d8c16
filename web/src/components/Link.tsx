import type { ReactNode } from 'react';
import { linkHandler } from '../router';

export function Link(props: { to: string; children: ReactNode; className?: string; testId?: string }) {
  return (
    <a href={props.to} onClick={linkHandler(props.to)} className={props.className} data-testid={props.testId}>
      {props.children}
    </a>
  );
}
