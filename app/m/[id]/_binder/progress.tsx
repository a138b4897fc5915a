'use client';

const numberFormat = new Intl.NumberFormat('en');
const DAY_MS = 24 * 60 * 60 * 1000;

/** The manuscript's total against its target, the days to the deadline, and today's words. */
export function Progress({ total, today, targetWords, deadline }: { total: number; today: number; targetWords: number | null; deadline: string | null }) {
  const percent = targetWords ? Math.min(100, Math.round((total / targetWords) * 100)) : null;
  const daysLeft = deadline ? Math.ceil((new Date(`${deadline}T23:59:59`).getTime() - Date.now()) / DAY_MS) : null;
  return (
    <section className="progress" aria-label="Progress">
      <p className="progress-total">
        <strong data-testid="manuscript-words">{numberFormat.format(total)}</strong> words
        {targetWords ? <span className="muted"> of {numberFormat.format(targetWords)}</span> : null}
      </p>
      {percent !== null ? (
        <div className="progress-bar" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} aria-label="Towards the target">
          <span style={{ width: `${percent}%` }} />
        </div>
      ) : null}
      <p className="muted small">
        Today: {today >= 0 ? '+' : ''}
        {numberFormat.format(today)}
        {daysLeft !== null ? ` · ${daysLeft >= 0 ? `${daysLeft} days to the deadline` : 'deadline passed'}` : ''}
      </p>
    </section>
  );
}
