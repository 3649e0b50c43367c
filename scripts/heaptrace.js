// heaptrace: record heap allocations around a trigger (or for a while), dump the trace and save
// it locally for `fieldshell heap` to analyse. Needs a firmware built with CONFIG_HEAP_TRACING=y.

export const meta = {
  name: 'heaptrace',
  summary: 'Start heap tracing, trigger or wait, dump the trace and save it locally',
  mode: 'collect',
  params: {
    records: { type: 'int', default: 500, help: 'allocations to record (module trace start N, at least 10)' },
    trigger: { type: 'string', default: '', help: "a command to run once tracing runs, e.g. 'server v2 stop'" },
    wait: { type: 'int', default: 10000, help: 'milliseconds to wait after the trigger before dumping' },
    keep: { type: 'bool', default: false, help: 'leave tracing running after the dump' },
  },
};

function fail(out, what) {
  const first = (out || '').split('\n')[0];
  if (/^(ERROR|Error|Unrecognised)/.test(first)) {
    throw new Error(`${what}: the module answered '${first}'`);
  }
}

export default function heaptrace(args) {
  if (!ovms.module.has('module.trace')) {
    throw new Error(`heap tracing needs firmware 3.3.006 or later; ${ovms.module.target} runs ${ovms.module.firmware || 'unknown firmware'}`);
  }
  if (args.records < 10) throw new Error('--records must be at least 10');
  let out = ovms.exec(`module trace start ${args.records}`);
  if (out !== null && out.startsWith('ERROR: heap tracing already started')) {
    print('tracing was already running; restarting it');
    ovms.exec('module trace stop');
    out = ovms.exec(`module trace start ${args.records}`);
  }
  fail(out, 'module trace start');
  if (out !== null) print(out.trim());
  if (args.trigger) {
    const t = ovms.exec(args.trigger);
    if (t !== null) print(`${args.trigger}: ${t.trim()}`);
  }
  ovms.sleep(args.wait);
  const dump = ovms.exec('module trace dump');
  fail(dump, 'module trace dump');
  if (!args.keep) ovms.exec('module trace stop');
  if (dump === null) return 'dry run: nothing recorded';
  if (!/allocations trace/.test(dump)) {
    throw new Error(`module trace dump printed no trace: '${dump.split('\n')[0]}'`);
  }
  const saved = host.save('heaptrace.txt', dump);
  return saved;
}
