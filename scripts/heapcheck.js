// heapcheck: delayed heap integrity checks after events, the scheme from the ovmsdev list
// (M. Balzer, 2025-12-29): a custom event whose script runs `module check alert`, raised with a
// delay from the scripts of the events after which the heap should be checked. Checking right at
// the event would miss late callbacks that use buffers freed during a shutdown.

export const meta = {
  name: 'heapcheck',
  summary: 'Install (or --remove) delayed heap checks after events, optionally every 5 minutes',
  params: {
    after: { type: 'list', default: ['server.v2.stopped', 'server.v3.stopped'], help: 'events after which the heap is checked' },
    delay: { type: 'int', default: 5000, help: 'milliseconds from the event to the check' },
    handler: { type: 'string', default: 'usr.check.heap', help: 'the custom event whose script runs the check' },
    name: { type: 'string', default: 'checkheap', help: 'script file name, after the order prefix' },
    periodic: { type: 'bool', default: false, help: 'also check every 5 minutes (config module debug.heap.alert)' },
    remove: { type: 'bool', default: false, help: 'remove what this macro installs instead' },
  },
};

const EVENTS = '/store/events';

export default function heapcheck(args) {
  if (!Number.isInteger(args.delay) || args.delay < 0) {
    throw new Error(`--delay must be a whole number of milliseconds, not ${args.delay}`);
  }
  if (args.after.length === 0) {
    throw new Error('--after needs at least one event name');
  }
  for (const name of [args.handler, ...args.after]) {
    if (!/^[A-Za-z0-9._-]+$/.test(name)) {
      throw new Error(`'${name}' is not an event name (letters, digits, '.', '_', '-')`);
    }
  }
  // "00-" runs the check before anything else the handler event may have; "90-" runs the
  // delayed raise after the event's own scripts. Both prefixes have two digits, so byte-wise
  // order equals numeric order.
  const handlerScript = `${EVENTS}/${args.handler}/00-${args.name}`;
  const triggers = args.after.map(ev => `${EVENTS}/${ev}/90-${args.name}`);

  if (!ovms.module.has('module.check.alert')) {
    // Not the target's name: the '== TARGET' line above names it, and a plan that does not depend on
    // the name can be shared by every module of a fleet that answers alike.
    print(`note: this module runs ${ovms.module.firmware || 'unknown firmware'}, which has no 'module check alert' ` +
          '(3.3.006+): the files are installed as they are, but the check cannot alert until the module is updated');
  }

  if (args.remove) {
    for (const path of [handlerScript, ...triggers]) {
      if (ovms.vfs.exists(path)) ovms.vfs.rm(path);
    }
    if (args.periodic) ovms.config.set('module', 'debug.heap.alert', 'no');
    return;
  }

  ovms.vfs.echo('module check alert', handlerScript);
  for (const path of triggers) {
    ovms.vfs.echo(`event raise -d${args.delay} ${args.handler}`, path);
  }
  if (args.periodic) {
    if (!ovms.module.has('config.debug.heap.alert')) {
      throw new Error(`--periodic needs firmware 3.3.006 or later (config module debug.heap.alert); the module runs ${ovms.module.firmware}`);
    }
    // Not 'debug.heap': config set accepts any instance name, and the firmware reads debug.heap.alert.
    ovms.config.set('module', 'debug.heap.alert', 'yes');
  }
}
