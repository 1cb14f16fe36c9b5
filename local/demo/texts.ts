import type { Category, Locale } from '#domain/complaint.ts';

/**
 * What the demo's customers write, in zh-CN and English, and what the desk
 * answers. Each template is written so the desk's own triage classifies it
 * into its category (test/unit/demo/plan.test.ts runs every combination of
 * template and voice through triage) without a threat, a safety word or an
 * amount that would raise its severity: the demo's escalations are the
 * planned ones.
 *
 * Placeholders: {product} {order} {amount}.
 */
export interface TextTemplate {
  subject: string;
  description: string;
}

export const complaintTexts: Record<Category, Record<Locale, TextTemplate[]>> = {
  product_quality: {
    'zh-CN': [
      { subject: '{product}用了一周就坏了', description: '我买的{product}用了不到一周就坏了，开不了机，做工也很粗糙。订单号 {order}。' },
      { subject: '{product}质量太差', description: '收到的{product}有明显瑕疵，外壳有裂缝，按键失灵。订单 {order}。' },
      { subject: '{product}质量差，频繁死机', description: '{product}经常死机、黑屏，重启也没用，品控需要改进。' },
      { subject: '新买的{product}是次品', description: '拆开就发现{product}有缺陷，通电后没有反应，订单 {order}。' },
      { subject: '{product}故障', description: '{product}用了两个月出现故障，同样的问题已经第二次了，质量不过关。' },
    ],
    en: [
      {
        subject: 'The {product} stopped working',
        description: 'The {product} I bought stopped working after a week and will not turn on. Order {order}.',
      },
      {
        subject: 'Poor quality {product}',
        description: 'The {product} has a cracked cover and a loud rattle. The quality is not what I paid for.',
      },
      {
        subject: 'Defective {product}',
        description: 'My {product} is defective: it keeps showing an error code and the battery is dead within an hour.',
      },
      {
        subject: 'Faulty {product} again',
        description: 'This is the second faulty {product} in a row. It is noisy and the button came loose.',
      },
    ],
  },
  logistics: {
    'zh-CN': [
      { subject: '快递三天没有更新', description: '订单 {order} 显示已发货，但物流信息三天没有更新，包裹不知道在哪。' },
      { subject: '包裹送错地址', description: '快递员把包裹送到了别的地址，签收人不是我，订单 {order}。' },
    ],
    en: [
      {
        subject: 'Parcel stuck in transit',
        description: 'The tracking for order {order} has not moved for five days and the courier does not know where the package is.',
      },
      { subject: 'Delivered to the wrong address', description: 'My parcel was delivered to the wrong address. Order {order}.' },
    ],
  },
  service_process: {
    'zh-CN': [
      { subject: '退货流程太繁琐', description: '我申请退货已经一周，审核还没有结果，还要重复提交资料。订单 {order}。' },
      { subject: '热线一直打不通', description: '客服热线排队半小时也打不通，提交的工单也没人跟进。' },
      { subject: '换货申请没人跟进', description: '{product}的换货申请提交五天了，还在审核，每次问都让再等等，流程太慢。' },
      { subject: '工单一直没人跟进', description: '工单 {order} 提交以后一直显示处理中，也没人联系我，不知道进行到哪一步了。' },
    ],
    en: [
      {
        subject: 'Return process is a runaround',
        description: 'I started a return for my {product} ten days ago and it is still pending. I had to resubmit the form twice.',
      },
      {
        subject: 'On hold for an hour',
        description:
          'I waited on hold in the queue for an hour, and the callback I was promised never came. Ticket {order} has no follow up.',
      },
      {
        subject: 'Exchange request stuck under review',
        description:
          'My exchange request for the {product} has been under review for a week, and the procedure asks for the same paperwork again.',
      },
    ],
  },
  billing_dispute: {
    'zh-CN': [
      { subject: '订单被重复扣款', description: '订单 {order} 付款时扣了两次款，多扣的 {amount} 元还没退回。' },
      { subject: '结算价格与标价不符', description: '商品页面的标价和结算时的价格不一致，差价一直没有人处理。订单 {order}。' },
      { subject: '发票开错了', description: '订单 {order} 的发票抬头和税号都开错了，公司没法报销。' },
      { subject: '优惠券没有抵扣', description: '下单时优惠券没有抵扣，满减也没生效，多收了 {amount} 元。' },
    ],
    en: [
      {
        subject: 'Charged twice for order {order}',
        description: 'I was charged twice for order {order}; the same payment shows two times on my credit card statement.',
      },
      {
        subject: 'Overcharged at checkout',
        description: 'The price on the page was lower than what I was billed at checkout, and the coupon did not apply.',
      },
      { subject: 'Wrong invoice', description: 'The invoice for order {order} has the wrong company name and VAT number.' },
      {
        subject: 'Subscription renewed without notice',
        description: 'My subscription auto-renewed and I was billed a fee I never agreed to.',
      },
    ],
  },
  service_attitude: {
    'zh-CN': [
      { subject: '客服态度恶劣', description: '今天打电话问{product}的问题，客服语气不耐烦，说了两句就挂电话了。' },
      { subject: '店员态度冷漠', description: '在门店问{product}的问题，店员态度冷漠，爱理不理。' },
      { subject: '客服回答敷衍', description: '问了三遍，客服回答都很敷衍，态度也不好。' },
    ],
    en: [
      {
        subject: 'Rude agent on the phone',
        description: 'The agent I spoke to about my {product} was rude and impatient, then hung up on me.',
      },
      { subject: 'Unprofessional staff in store', description: 'A member of staff was dismissive when I asked about the {product}.' },
      {
        subject: 'Attitude of your support team',
        description: 'The reply I got was sarcastic and unprofessional, and the attitude was disrespectful.',
      },
    ],
  },
  other: {
    'zh-CN': [
      { subject: '营销短信太多', description: '每天都收到营销短信，退订了还在发，这是骚扰。' },
      { subject: '门店门口太脏', description: '门店门口堆满了纸箱和垃圾，进出都不方便，希望整理一下。' },
      { subject: '会员积分清零', description: '我的会员积分突然清零了，也没有任何通知，账号里查不到记录。' },
      { subject: '担心个人信息泄露', description: '接到陌生电话，对方知道我的姓名和住址，想了解个人信息是怎么被知道的。' },
    ],
    en: [
      {
        subject: 'Too many marketing messages',
        description: 'I keep getting marketing messages although I unsubscribed twice. This is spam.',
      },
      { subject: 'A suggestion for the app', description: 'Please add bigger fonts and a dark mode to the app, it would make it easier for older customers.' },
      { subject: 'Privacy question', description: 'A stranger called me and knew my personal data. I want to know who has my data.' },
      {
        subject: 'No parking at the store',
        description: 'The car park at your store is always full and there is no parking for customers.',
      },
    ],
  },
};

/** Many voices: how a customer opens and closes, none of it naming a category. */
export const voices: Record<Locale, { opener: string; closer: string }[]> = {
  'zh-CN': [
    { opener: '', closer: '' },
    { opener: '你好，', closer: '谢谢。' },
    { opener: '您好，麻烦看一下：', closer: '麻烦了。' },
    { opener: '想反映一个问题。', closer: '盼复。' },
    { opener: '我是老客户了，', closer: '等你们消息。' },
    { opener: '第一次写投诉。', closer: '' },
    { opener: '', closer: '这已经是我第二次联系你们了。' },
    { opener: '替我父亲写的：', closer: '他年纪大了，请多耐心。' },
  ],
  en: [
    { opener: '', closer: '' },
    { opener: 'Hi, ', closer: ' Thanks.' },
    { opener: 'Hello team, ', closer: ' Kind regards.' },
    { opener: 'I would like this looked at. ', closer: ' Please sort this out.' },
    { opener: 'I have been a customer for years. ', closer: ' I expect an answer soon.' },
    { opener: '', closer: ' Second time I write about this.' },
    { opener: 'Writing for my mother: ', closer: ' She would appreciate a call.' },
  ],
};

export const products: Record<Locale, string[]> = {
  'zh-CN': ['蓝牙耳机', '电饭煲', '扫地机器人', '空气净化器', '智能手表', '电动牙刷', '加湿器', '咖啡机', '显示器', '行李箱'],
  en: [
    'wireless earbuds',
    'rice cooker',
    'robot vacuum',
    'air purifier',
    'smart watch',
    'electric toothbrush',
    'humidifier',
    'coffee machine',
    'monitor',
    'suitcase',
  ],
};

export const customerNames: Record<Locale, string[]> = {
  'zh-CN': [
    '王芳',
    '李强',
    '张伟',
    '刘洋',
    '陈静',
    '杨磊',
    '赵敏',
    '黄丽',
    '周杰',
    '吴婷',
    '徐明',
    '孙悦',
    '马超',
    '朱琳',
    '胡军',
    '郭婧',
    '林涛',
    '何雪',
    '高远',
    '罗佳',
  ],
  en: [
    'Alex Chen',
    'Maria Garcia',
    'Tom Baker',
    'Priya Nair',
    'Lena Fischer',
    'Sam Okafor',
    'Emma Wilson',
    'Kenji Sato',
    'Olivia Brown',
    'Noah Kim',
  ],
};

/** A small set per category, so the case library and the monthly root causes group. */
export const rootCauses: Record<Category, Record<Locale, string>[]> = {
  product_quality: [
    { 'zh-CN': '批次来料缺陷', en: 'Defective component batch' },
    { 'zh-CN': '出厂质检漏检', en: 'Missed at factory inspection' },
    { 'zh-CN': '固件缺陷', en: 'Firmware defect' },
  ],
  logistics: [
    { 'zh-CN': '承运商延误', en: 'Carrier delay' },
    { 'zh-CN': '地址录入错误', en: 'Address entered wrongly' },
  ],
  service_process: [
    { 'zh-CN': '退换货审核积压', en: 'Returns review backlog' },
    { 'zh-CN': '工单未及时流转', en: 'Ticket not routed in time' },
    { 'zh-CN': '热线高峰人手不足', en: 'Hotline understaffed at peak' },
  ],
  billing_dispute: [
    { 'zh-CN': '支付网关重复扣款', en: 'Payment gateway double charge' },
    { 'zh-CN': '促销价格未同步', en: 'Promotion price not synced' },
    { 'zh-CN': '发票信息录入错误', en: 'Invoice details entered wrongly' },
  ],
  service_attitude: [
    { 'zh-CN': '客服未按服务规范沟通', en: 'Agent did not follow the service standard' },
    { 'zh-CN': '门店员工培训不足', en: 'Store staff not trained' },
  ],
  other: [
    { 'zh-CN': '营销名单未同步退订', en: 'Unsubscribe not synced to marketing list' },
    { 'zh-CN': 'App 版本缺陷', en: 'App release defect' },
    { 'zh-CN': '门店设施不足', en: 'Store facilities insufficient' },
  ],
};

export const resolutions: Record<Locale, string[]> = {
  'zh-CN': ['已为您办理退款。', '已安排换新，新品明天发出。', '已更正并向您致歉。', '已补偿差价并致歉。', '已安排专人上门处理。'],
  en: [
    'We have refunded you in full.',
    'A replacement ships tomorrow.',
    'We corrected it and apologise.',
    'We refunded the difference with our apologies.',
    'A technician will visit to fix it.',
  ],
};

export const compensations: Record<Locale, string[]> = {
  'zh-CN': ['20 元优惠券', '50 元优惠券', '免运费一次'],
  en: ['A ¥20 voucher', 'A ¥50 voucher', 'Free shipping on the next order'],
};

export const firstResponses: Record<Locale, string[]> = {
  'zh-CN': [
    '您好，已收到您的投诉，我们正在核实，会尽快答复您。',
    '您好，非常抱歉给您带来不便，我是本案负责人，正在跟进。',
    '您好，已联系相关部门核实，今天内给您进展。',
  ],
  en: [
    'Hello, we have your complaint and are looking into it.',
    'Sorry for the trouble. I own your case now and will keep you posted.',
    'Thanks for telling us. We are checking with the team and will update you today.',
  ],
};

export const rejectionReasons: Record<Locale, string[]> = {
  'zh-CN': ['问题没有解决，还是老样子。', '补偿和说好的不一样。', '没有人给我解释原因。'],
  en: ['It is not fixed, same as before.', 'This is not what was promised.', 'Nobody explained what went wrong.'],
};

export const surveyComments: Record<Locale, string[]> = {
  'zh-CN': ['处理很快，谢谢。', '客服很耐心。', '希望以后不要再出现。', '还可以。'],
  en: ['Quick and friendly, thanks.', 'Took a while but sorted.', 'Hope it does not happen again.', 'Fine.'],
};

export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? `{${key}}`);
}
