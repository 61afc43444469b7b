// Phase correlation from −1 (out of phase) through 0 (wide/uncorrelated) to +1 (mono).
export function CorrelationMeter({ value }: { value: number }) {
  const shown = Number.isFinite(value) ? Math.max(-1, Math.min(1, value)) : 0;
  return (
    <div className="correlation">
      <span className="lathe-label">Correlation</span>
      <div className="correlation-track" aria-hidden="true">
        <div className="correlation-centre" />
        <div
          className={`correlation-marker ${shown < 0 ? 'negative' : ''}`}
          style={{ left: `${((shown + 1) / 2) * 100}%` }}
        />
      </div>
      <output className="lathe-value" aria-label="Phase correlation">
        {shown >= 0 ? '+' : '−'}
        {Math.abs(shown).toFixed(2)}
      </output>
    </div>
  );
}
