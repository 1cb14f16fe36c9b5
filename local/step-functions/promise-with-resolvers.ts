/**
 * aws-local-stepfunctions 3.0.0 calls `Promise.withResolvers()` in every Task
 * state; Node 20 lacks it (Node 22 has it). Imported by ./engine.ts before the
 * engine itself, so the engine never sees a runtime without it.
 */
interface Resolvers<T> {
  promise: Promise<T>;
  resolve: (value: T | PromiseLike<T>) => void;
  reject: (reason?: unknown) => void;
}

const promiseCtor = Promise as unknown as {
  withResolvers?: <T>() => Resolvers<T>;
};

promiseCtor.withResolvers ??= function withResolvers<T>(): Resolvers<T> {
  let resolve!: Resolvers<T>['resolve'];
  let reject!: Resolvers<T>['reject'];
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

export {};
