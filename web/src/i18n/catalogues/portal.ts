import type { Translated } from '../catalogue.ts';

export const en = {
  title: 'closeloop',
} as const;

export const zh: Translated<typeof en> = {
  title: 'closeloop',
};
