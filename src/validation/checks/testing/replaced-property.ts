/**
 * Run `fn` with property `name` of `target` (a model class's prototype) replaced by what `replace`
 * builds from the shipped descriptor, a deliberately broken variant of a method or getter, and
 * restore the shipped one afterwards, however `fn` ends. Replaced by hand rather than with
 * vi.spyOn: the methods the validation checks' tests break this way run on every block of every
 * race (millions of times), which a spy's bookkeeping slows from milliseconds to seconds.
 */
export function withReplacedProperty<T>(target: object, name: string, replace: (shipped: PropertyDescriptor) => PropertyDescriptor, fn: () => T): T {
  const shipped = Object.getOwnPropertyDescriptor(target, name);
  if (shipped === undefined) throw new Error(`withReplacedProperty: the prototype has no own property '${name}'`);
  Object.defineProperty(target, name, { ...replace(shipped), configurable: true });
  try {
    return fn();
  } finally {
    Object.defineProperty(target, name, shipped);
  }
}
