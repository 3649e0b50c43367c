// The fieldshell macro API. Evaluated once per sandboxed context; `call` is the only host function.
(function (call) {
  'use strict';
  function api(name, args) {
    const answer = JSON.parse(call(name, JSON.stringify(args)));
    if (answer.error !== undefined) {
      throw new Error(answer.error);
    }
    return answer.value === undefined ? undefined : answer.value;
  }
  function delayOf(options) {
    if (options === undefined || options === null) return 0;
    if (typeof options === 'number') return options;
    if (typeof options !== 'object') throw new TypeError('ovms.event.raise: options must be {delay: ms}');
    return options.delay === undefined ? 0 : options.delay;
  }
  const vfs = Object.freeze({
    echo: (text, path) => api('vfs.echo', [text, path]),
    write: (content, path) => api('vfs.write', [content, path]),
    append: (text, path) => api('vfs.append', [text, path]),
    cat: (path) => api('vfs.cat', [path]),
    exists: (path) => api('vfs.exists', [path]),
    ls: (path) => api('vfs.ls', [path]),
    rm: (path) => api('vfs.rm', [path]),
    mkdir: (path) => api('vfs.mkdir', [path]),
  });
  const event = Object.freeze({
    raise: (name, options) => api('event.raise', [name, delayOf(options)]),
  });
  const config = Object.freeze({
    set: (param, instance, value) => api('config.set', [param, instance, value]),
    get: (param, instance) => api('config.get', [param, instance]),
  });
  const module = Object.freeze({
    get firmware() { return api('module.firmware', []); },
    get target() { return api('module.target', []); },
    has: (feature) => api('module.has', [feature]),
  });
  // What the macro can learn that is not an input (its arguments, the API's answers): the clock
  // and random numbers. Their first use tells the host, which then never lets this run's plan
  // stand in for another module's (SharedPlans). Values and behaviour are unchanged.
  let told = false;
  function nondeterministic() {
    if (!told) {
      told = true;
      call('js.nondeterministic', '[]');
    }
  }
  const random = Math.random;
  Object.defineProperty(Math, 'random', { value: function random_() { nondeterministic(); return random(); },
    writable: true, configurable: true });
  Object.defineProperty(Math.random, 'name', { value: 'random' });
  const RealDate = Date;
  const realNow = RealDate.now;
  const now = function now() { nondeterministic(); return realNow(); };
  const WatchedDate = new Proxy(RealDate, {
    construct(target, args, newTarget) {
      if (args.length === 0) nondeterministic();
      return Reflect.construct(target, args, newTarget === WatchedDate ? target : newTarget);
    },
    apply(target, self, args) { nondeterministic(); return Reflect.apply(target, self, args); },
    get(target, key, receiver) { return key === 'now' ? now : Reflect.get(target, key, receiver); },
  });
  Object.defineProperty(RealDate.prototype, 'constructor', { value: WatchedDate, writable: true, configurable: true });
  Object.defineProperty(globalThis, 'Date', { value: WatchedDate, writable: true, configurable: true });
  const print = (...parts) => api('host.print', [parts.map(p => typeof p === 'string' ? p : JSON.stringify(p)).join(' ')]);
  Object.defineProperty(globalThis, 'ovms', { value: Object.freeze({
    vfs, event, config, module,
    exec: (command) => api('exec', [command]),
    sleep: (ms) => api('sleep', [ms]),
  }) });
  Object.defineProperty(globalThis, 'host', { value: Object.freeze({
    save: (name, text) => api('host.save', [name, text]),
    print,
  }) });
  Object.defineProperty(globalThis, 'print', { value: print });
  Object.defineProperty(globalThis, 'console', { value: Object.freeze({ log: print }) });
})
