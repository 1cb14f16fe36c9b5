import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '#declarations/table-schema.ts';
import type { CalendarEntry } from '#domain/business-calendar.ts';
import type { CustomCalendar } from '#domain/custom-calendar.ts';
import { documentClient, tableName } from './table.ts';

export async function getCustomCalendar(): Promise<CustomCalendar | undefined> {
  const { Item } = await documentClient.send(new GetCommand({ TableName: tableName(), Key: keys.customCalendar, ConsistentRead: true }));
  if (!Item) return undefined;
  return { coveredYears: Item.coveredYears as number[], entries: Item.entries as CalendarEntry[], source: String(Item.source) };
}

/** Last writer wins: calendars are loaded by a supervisor, rarely, and each load carries the whole merge. */
export async function putCustomCalendar(calendar: CustomCalendar, by: string, at: Date): Promise<void> {
  await documentClient.send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...keys.customCalendar, entity: 'calendar', ...calendar, loadedBy: by, loadedAt: at.toISOString() },
    }),
  );
}
