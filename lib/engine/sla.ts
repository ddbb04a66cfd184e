import type { Sla } from '../model';

export type SlaState = 'on_track' | 'due_soon' | 'overdue';

export interface SlaClock {
  state: SlaState;
  hoursSinceMql: number;
  /** Negative once overdue. */
  hoursLeft: number;
  followUpHours: number;
}

/** Time since the contact became an MQL against the agreed follow-up window. */
export function slaClock(becameMqlAt: string, sla: Sla, now: Date): SlaClock {
  const hoursSinceMql = Math.max(0, (now.getTime() - Date.parse(becameMqlAt)) / 3_600_000);
  const hoursLeft = sla.followUpHours - hoursSinceMql;
  const state: SlaState = hoursLeft < 0 ? 'overdue' : hoursLeft <= sla.dueSoonHours ? 'due_soon' : 'on_track';
  return { state, hoursSinceMql: Math.round(hoursSinceMql), hoursLeft: Math.round(hoursLeft), followUpHours: sla.followUpHours };
}
