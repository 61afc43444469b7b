// Messages: errors stay until dismissed, the rest fade after a while. Announced to screen readers.
import { useEffect } from 'react';
import { useSnapshot, useStudio } from './studio-context.ts';

const FADE_MS = 8000;

export function Messages() {
  const studio = useStudio();
  const { messages } = useSnapshot();
  useEffect(() => {
    const timers = messages
      .filter((m) => m.kind !== 'error')
      .map((m) => setTimeout(() => studio.dismiss(m.id), FADE_MS));
    return () => timers.forEach(clearTimeout);
  }, [messages, studio]);
  return (
    <div className="messages" aria-live="polite">
      {messages.map((message) => (
        <div
          key={message.id}
          className={`message ${message.kind}`}
          role={message.kind === 'error' ? 'alert' : 'status'}
        >
          <p>{message.text}</p>
          <button
            type="button"
            className="icon"
            aria-label="Dismiss message"
            onClick={() => studio.dismiss(message.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
