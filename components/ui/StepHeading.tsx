'use client';
import { type ReactNode, useEffect, useRef } from 'react';

/** The heading of a step: it takes focus when the step appears, so keyboard and screen-reader users follow. */
export function StepHeading({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} className="step-heading">
      {children}
    </h1>
  );
}
