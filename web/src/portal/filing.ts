import { type Category, categories as categoryValues } from '../shared/categories.ts';

/**
 * The filing form's pure parts: what the customer typed becomes the API's
 * body, and the API's field errors come back beside the inputs they are about.
 * No DOM here, so unit tests run it in Node.
 */

export const formFields = ['name', 'email', 'phone', 'category', 'subject', 'description', 'orderRef'] as const;
export type FormField = (typeof formFields)[number];
export type FormValues = Record<FormField, string>;

export const emptyForm: FormValues = { name: '', email: '', phone: '', category: '', subject: '', description: '', orderRef: '' };

/** The API's field path of each input (`customer.id` is derived from the email, so its errors show there). */
const fieldOfPath: Record<string, FormField> = {
  'customer.name': 'name',
  'customer.email': 'email',
  'customer.id': 'email',
  'customer.phone': 'phone',
  category: 'category',
  subject: 'subject',
  description: 'description',
  orderRef: 'orderRef',
};

/** The input a problem's `field` path is about, if any (a path below a field, such as `subject[0]`, counts as it). */
export function formFieldOf(path: string): FormField | undefined {
  const exact = fieldOfPath[path];
  if (exact) return exact;
  const match = Object.keys(fieldOfPath).find((known) => path.startsWith(`${known}.`) || path.startsWith(`${known}[`));
  return match ? fieldOfPath[match] : undefined;
}

/** Splits the API's field errors: each input's first problem, and the problems no input is about. */
export function splitFieldErrors(errors: readonly { field: string; problem: string }[]): {
  byField: Partial<Record<FormField, string>>;
  other: { field: string; problem: string }[];
} {
  const byField: Partial<Record<FormField, string>> = {};
  const other: { field: string; problem: string }[] = [];
  for (const error of errors) {
    const field = formFieldOf(error.field);
    if (field) byField[field] ??= error.problem;
    else other.push(error);
  }
  return { byField, other };
}

/**
 * A web customer has no account: the email they give stands for them (the
 * desk links repeat complaints and a tier to it), in the characters a
 * customer id takes and no longer than 64.
 */
export function customerIdOf(email: string): string {
  const id = `web:${email.trim().toLowerCase().replace(/[^\w.@:-]/g, '_')}`;
  return id.length <= 64 ? id : id.slice(0, 64);
}

export interface FilingBody {
  customer: { id: string; name: string; email: string; phone?: string; locale: 'zh-CN' | 'en' };
  channel: 'web';
  category?: Category;
  subject: string;
  description: string;
  orderRef?: string;
}

export { categoryValues, type Category };

/** The body of POST /complaints on the web channel; an empty optional input is left out rather than sent blank. */
export function filingBody(values: FormValues, locale: 'zh-CN' | 'en'): FilingBody {
  const phone = values.phone.trim();
  const orderRef = values.orderRef.trim();
  const category = (categoryValues as readonly string[]).includes(values.category) ? (values.category as Category) : undefined;
  return {
    customer: {
      id: customerIdOf(values.email),
      name: values.name.trim(),
      email: values.email.trim(),
      ...(phone ? { phone } : {}),
      locale,
    },
    channel: 'web',
    ...(category ? { category } : {}),
    subject: values.subject.trim(),
    description: values.description.trim(),
    ...(orderRef ? { orderRef } : {}),
  };
}
