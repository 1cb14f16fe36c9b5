import { useTranslation } from 'react-i18next';
import { type Countdown, type CountdownAmount, type DeadlineClock, countdownOf } from '../shared/countdown.ts';
import { useTick } from '../shared/ui.tsx';
import { useDesk } from './desk-context.tsx';

export function useAmountText(): (amount: CountdownAmount) => string {
  const { t } = useTranslation();
  return (amount) =>
    amount.unit === 'daysHours'
      ? t('countdown.daysHours', { days: amount.days, hours: amount.hours })
      : t(`countdown.${amount.unit}`, { count: amount.count });
}

export function useCountdownText(): (countdown: Countdown) => string {
  const { t } = useTranslation();
  const amountText = useAmountText();
  return (countdown) => {
    const main =
      countdown.state === 'paused'
        ? t('countdown.paused')
        : t(countdown.state === 'due' ? 'countdown.dueIn' : 'countdown.overdue', { amount: amountText(countdown.amount) });
    return countdown.provisional ? `${main} (${t('countdown.provisional')})` : main;
  };
}

/** "due in 5 h", "overdue 2 h", "paused": runs on between refreshes at the server clock's pace. */
export function CountdownText({ clock, asOf }: { clock: DeadlineClock; asOf: string }) {
  const { t } = useTranslation();
  const { serverClock } = useDesk();
  useTick(1_000);
  const countdown = countdownOf(clock, asOf, serverClock.now());
  const text = useCountdownText()(countdown);
  const soon = countdown.state === 'due' && countdownOf(clock, asOf, serverClock.now() + 4 * 3_600_000).state === 'overdue';
  const className = countdown.state === 'overdue' ? 'due-overdue' : countdown.state === 'paused' ? 'due-paused' : soon ? 'due-soon' : '';
  return (
    <span className={className} title={`${clock.dueAt} · ${t(clock.basis === 'working' ? 'countdown.workingTime' : 'countdown.calendarTime')}`}>
      {text}
    </span>
  );
}
