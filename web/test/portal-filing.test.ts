import { describe, expect, it } from 'vitest';
import { ComplaintInputSchema, CustomerSchema } from '#domain/complaint.ts';
import { customerIdOf, emptyForm, filingBody, formFieldOf, splitFieldErrors } from '../src/portal/filing.ts';

describe('Portal filing form', () => {
  it('maps the API field paths to the inputs they are about', () => {
    expect(formFieldOf('customer.name')).toBe('name');
    expect(formFieldOf('customer.email')).toBe('email');
    expect(formFieldOf('customer.id')).toBe('email');
    expect(formFieldOf('customer.phone')).toBe('phone');
    expect(formFieldOf('category')).toBe('category');
    expect(formFieldOf('subject')).toBe('subject');
    expect(formFieldOf('description')).toBe('description');
    expect(formFieldOf('orderRef')).toBe('orderRef');
    expect(formFieldOf('subject[0]')).toBe('subject');
    expect(formFieldOf('(body)')).toBeUndefined();
    expect(formFieldOf('customer.tier')).toBeUndefined();
    expect(formFieldOf('header Idempotency-Key')).toBeUndefined();
  });

  it('keeps the first problem of each input and the others for the alert', () => {
    const { byField, other } = splitFieldErrors([
      { field: 'customer.email', problem: 'Invalid email address' },
      { field: 'customer.id', problem: 'too long' },
      { field: 'subject', problem: '不能为空' },
      { field: '(body)', problem: 'is not JSON' },
    ]);
    expect(byField).toEqual({ email: 'Invalid email address', subject: '不能为空' });
    expect(other).toEqual([{ field: '(body)', problem: 'is not JSON' }]);
  });

  it('builds a web-channel body the API accepts, leaving blank optional inputs out', () => {
    const body = filingBody(
      { ...emptyForm, name: ' 王芳 ', email: 'Wang.Fang+shop@Example.cn ', subject: '快递三天没有更新', description: '物流信息三天没有更新。' },
      'zh-CN',
    );
    expect(body).toEqual({
      customer: { id: 'web:wang.fang_shop@example.cn', name: '王芳', email: 'Wang.Fang+shop@Example.cn', locale: 'zh-CN' },
      channel: 'web',
      subject: '快递三天没有更新',
      description: '物流信息三天没有更新。',
    });
    expect(ComplaintInputSchema.safeParse(body).success).toBe(true);
    const full = filingBody(
      { name: 'Alex', email: 'alex@example.com', phone: '+86 138 0013 8000', category: 'logistics', subject: 'Late', description: 'Late parcel', orderRef: 'SO-1' },
      'en',
    );
    expect(full).toMatchObject({ category: 'logistics', orderRef: 'SO-1', customer: { phone: '+86 138 0013 8000', locale: 'en' } });
    expect(ComplaintInputSchema.safeParse(full).success).toBe(true);
    expect(filingBody({ ...emptyForm, category: 'made_up' }, 'en')).not.toHaveProperty('category');
  });

  it('derives a customer id the API takes from any email, however long', () => {
    for (const email of ['a@b.co', 'ÄÖ "quoted" name+tag@example.com', `${'x'.repeat(240)}@example.com`]) {
      const id = customerIdOf(email);
      expect(CustomerSchema.shape.id.safeParse(id).success).toBe(true);
      expect(id.length).toBeLessThanOrEqual(64);
    }
    expect(customerIdOf(' Alex@Example.com ')).toBe(customerIdOf('alex@example.com'));
  });
});
