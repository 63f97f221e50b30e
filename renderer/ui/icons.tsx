// Icons drawn inline, so they look the same on a machine without an emoji font (a "⏱" there is an
// empty box). They take the text's colour and size (1em).
export function ClockIcon() {
  return (
    <svg className="icon-svg" viewBox="0 0 24 24" width="1em" height="1em" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" data-icon="clock">
      <circle cx="12" cy="13" r="8" />
      <path d="M12 9v4l2.5 2.5" />
      <path d="M9.5 2.5h5" />
    </svg>
  );
}
