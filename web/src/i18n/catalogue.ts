/** The same keys as the English catalogue, every value a string: a catalogue missing a key does not compile. */
export type Translated<T> = { readonly [K in keyof T]: T[K] extends string ? string : Translated<T[K]> };

export const languages = ['en', 'zh-CN'] as const;
export type Language = (typeof languages)[number];
