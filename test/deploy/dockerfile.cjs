'use strict';
// A small Dockerfile reader for the deployment checks: stages, their instructions (continuations joined), and the
// ARG/ENV values a RUN line sees. It knows the instructions Herald's Dockerfile uses, not the whole syntax.

/** @typedef {{ keyword: string, args: string, line: number }} Instruction */
/** @typedef {{ name: string | undefined, from: string, instructions: Instruction[] }} Stage */

/** @returns {{ globalArgs: Record<string, string>, stages: Stage[] }} */
function parseDockerfile(text) {
  const logical = [];
  let current = '';
  let startLine = 0;
  text.split('\n').forEach((raw, index) => {
    const line = raw.trimEnd();
    if (current === '' && (/^\s*#/.test(line) || line.trim() === '')) return;
    if (current === '') startLine = index + 1;
    if (line.endsWith('\\')) {
      current += `${line.slice(0, -1)} `;
      return;
    }
    current += line;
    logical.push({ text: current.trim(), line: startLine });
    current = '';
  });
  const globalArgs = {};
  const stages = [];
  for (const { text: instruction, line } of logical) {
    const match = /^([A-Za-z]+)\s+(.*)$/s.exec(instruction);
    if (!match) throw new Error(`Dockerfile line ${line}: cannot read "${instruction}"`);
    const keyword = match[1].toUpperCase();
    const args = match[2].replace(/\s+/g, ' ').trim();
    if (keyword === 'FROM') {
      const from = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args);
      if (!from) throw new Error(`Dockerfile line ${line}: cannot read FROM ${args}`);
      stages.push({ from: from[1], name: from[2], instructions: [] });
    } else if (stages.length === 0) {
      if (keyword !== 'ARG') throw new Error(`Dockerfile line ${line}: only ARG may come before FROM`);
      Object.assign(globalArgs, parseAssignments(args, {}));
    } else {
      stages[stages.length - 1].instructions.push({ keyword, args, line });
    }
  }
  return { globalArgs, stages };
}

/** `K=V K2="V 2"` (ENV, ARG) with ${VAR}/$VAR substituted from `scope`; a bare `ARG NAME` has no value. */
function parseAssignments(args, scope) {
  const out = {};
  const re = /([A-Za-z_][A-Za-z0-9_]*)(?:=("(?:[^"\\]|\\.)*"|'[^']*'|\S*))?/g;
  for (let m = re.exec(args); m; m = re.exec(args)) {
    let value = m[2];
    if (value === undefined) continue;
    if (/^".*"$/s.test(value) || /^'.*'$/s.test(value)) value = value.slice(1, -1);
    out[m[1]] = substitute(value, { ...scope, ...out });
  }
  return out;
}

function substitute(value, scope) {
  return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_all, a, b) => scope[a ?? b] ?? '');
}

/** The RUN commands of a stage in order, each with the ARG/ENV values in force at that point. */
function runSteps(dockerfile, stageName) {
  const stage = dockerfile.stages.find((s) => s.name === stageName);
  if (!stage) throw new Error(`no stage named ${stageName}`);
  const scope = {};
  const steps = [];
  for (const { keyword, args, line } of stage.instructions) {
    if (keyword === 'ENV' || keyword === 'ARG') Object.assign(scope, parseAssignments(args, scope));
    if (keyword === 'RUN') steps.push({ command: args.replace(/^(--\S+\s+)+/, ''), env: { ...scope }, line });
  }
  return steps;
}

module.exports = { parseDockerfile, parseAssignments, substitute, runSteps };
