import { createContext, useContext } from 'react';
import type { ApiClient } from '../api/client.ts';
import type { DeskSession, StaffUser } from '../auth/desk-session.ts';
import type { ServerClock } from '../shared/countdown.ts';

export interface Desk {
  api: ApiClient;
  session: DeskSession;
  user: StaffUser;
  serverClock: ServerClock;
}

export const DeskContext = createContext<Desk | undefined>(undefined);

export function useDesk(): Desk {
  const desk = useContext(DeskContext);
  if (!desk) throw new Error('useDesk outside the desk');
  return desk;
}
