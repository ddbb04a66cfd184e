import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';

export interface DisclosureProps {
  summary: ComponentChildren;
  class?: string;
  open?: boolean;
  /** Rendered only while open: explanations stay out of the host page's DOM until the rep asks for them. */
  children: () => ComponentChildren;
}

/** A <details> whose content is built on demand; the summary toggles it (mouse and keyboard, as <summary> does). */
export function Disclosure({ summary, class: className, open: initiallyOpen = false, children }: DisclosureProps) {
  const [open, setOpen] = useState(initiallyOpen);
  return (
    <details class={className} open={open}>
      <summary
        onClick={(event) => {
          event.preventDefault();
          setOpen(!open);
        }}
      >
        {summary}
      </summary>
      {open && children()}
    </details>
  );
}
