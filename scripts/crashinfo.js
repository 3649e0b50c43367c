// crashinfo: collect what a crash report needs (boot status with the last crash, tasks, memory,
// the newest log lines) into one local file to attach to a mail or an issue.

export const meta = {
  name: 'crashinfo',
  summary: 'Collect boot status, module tasks, module memory and recent log lines into one local report',
  mode: 'collect',
  params: {
    lines: { type: 'int', default: 100, help: 'log lines to include from the module log file' },
    logfile: { type: 'string', default: '', help: 'log file on the module (default: config log file.path)' },
  },
};

function section(title, text) {
  return `===== ${title} =====\n${(text || '').replace(/\n?$/, '\n')}\n`;
}

export default function crashinfo(args) {
  let report = `fieldshell crashinfo for ${ovms.module.target}\nFirmware: ${ovms.module.firmware || 'unknown'}\n\n`;
  for (const cmd of ['boot status', 'module tasks', 'module memory']) {
    report += section(cmd, ovms.exec(cmd));
  }
  const logfile = args.logfile || ovms.config.get('log', 'file.path');
  if (!logfile) {
    report += section('log', 'file logging is not configured (config log file.path is unset); no log lines collected');
  } else if (!ovms.vfs.exists(logfile)) {
    report += section(`log ${logfile}`, `${logfile} does not exist on the module`);
  } else {
    report += section(`log ${logfile} (last ${args.lines} lines)`, ovms.exec(`vfs tail -${args.lines} ${logfile}`));
  }
  const saved = host.save('crashinfo.txt', report);
  return saved;
}
