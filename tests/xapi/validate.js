#!/usr/bin/env node
// Checks xAPI statements, one JSON object per line, with an independent validator:
// @learninglocker/xapi-validation (the one Learning Locker's LRS uses), installed by
// tests/tools.sh. `validate(statement)` returns a list of warnings, empty when valid.
//
// Usage: node validate.js MODULES_DIR FILE.jsonl
//   MODULES_DIR  the npm prefix holding node_modules/@learninglocker/xapi-validation
// Prints one line per invalid statement (line number, each warning's path and name) and a count
// to stderr. Exit 0: every line is a valid statement; 1: at least one is not; 2: usage or I/O.
'use strict';
const fs = require('fs');
const path = require('path');

const [modulesDir, file] = process.argv.slice(2);
if (!modulesDir || !file) {
  console.error('usage: node validate.js MODULES_DIR FILE.jsonl');
  process.exit(2);
}
let validate;
try {
  const m = require(path.resolve(modulesDir, 'node_modules', '@learninglocker', 'xapi-validation'));
  validate = m.default || m;
} catch (e) {
  console.error(`cannot load @learninglocker/xapi-validation from ${modulesDir}: ${e.message}`);
  process.exit(2);
}
let text;
try {
  text = fs.readFileSync(file, 'utf8');
} catch (e) {
  console.error(e.message);
  process.exit(2);
}

// A warning is a rulr Warning: its class name says what is wrong, its path where.
const describe = (w) => {
  const where = Array.isArray(w.path) ? w.path.join('.') : String(w.path);
  return `${w.constructor && w.constructor.name !== 'Object' ? w.constructor.name : w.name} at ${where}`;
};

let total = 0;
let invalid = 0;
text.split('\n').forEach((raw, i) => {
  const line = raw.replace(/\r$/, '');
  if (line.trim() === '') return;
  total += 1;
  let statement;
  try {
    statement = JSON.parse(line);
  } catch (e) {
    invalid += 1;
    console.log(`line ${i + 1}: not JSON: ${e.message}`);
    return;
  }
  const warnings = validate(statement);
  if (warnings.length > 0) {
    invalid += 1;
    console.log(`line ${i + 1}: ${warnings.map(describe).join('; ')}`);
  }
});
console.error(`${total} statements, ${total - invalid} valid, ${invalid} invalid`);
process.exit(invalid === 0 && total > 0 ? 0 : 1);
