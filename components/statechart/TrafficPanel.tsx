import type { ChartState, ChartTransition } from '@/machines/chart';
import { countText, mostFailures, type Traffic } from './traffic';

const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const percent = new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 1 });

/** The panel's traffic: how much the journey was taken in the last days, and the steps that fail most. */
export function TrafficPanel({
  traffic,
  transitions,
  states,
}: {
  traffic: Traffic;
  transitions: ChartTransition[];
  states: ChartState[];
}) {
  const { days, counts } = traffic;
  const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
  const period = `${dayFormat.format(new Date(days[0] ?? ''))} to ${dayFormat.format(new Date(days.at(-1) ?? ''))}`;
  const failing = mostFailures(transitions, counts);
  const nameOf = (id: string) => states.find((state) => state.id === id)?.name ?? id;
  return (
    <section aria-labelledby="traffic-heading">
      <h2 id="traffic-heading">Traffic, last {days.length} days</h2>
      <p>
        {total > 0
          ? `From ${period}, users took ${countText(total)} transitions.`
          : `Nobody took the journey from ${period}.`}
      </p>
      {failing.length > 0 && (
        <table>
          <caption>Most failures</caption>
          <thead>
            <tr>
              <th scope="col">step, outcome</th>
              <th scope="col">failures</th>
              <th scope="col">attempts</th>
              <th scope="col">share</th>
            </tr>
          </thead>
          <tbody>
            {failing.map(({ transition, failures, attempts }) => (
              <tr key={transition.id}>
                <th scope="row">
                  {nameOf(transition.sourceId)}: {transition.label}
                  {transition.targetIds[0] && ` → ${nameOf(transition.targetIds[0])}`}
                </th>
                <td>{countText(failures)}</td>
                <td>{countText(attempts)}</td>
                <td>{percent.format(failures / attempts)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
