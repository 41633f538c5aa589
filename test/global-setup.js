// The tests that start real server processes run the compiled server, as `npm start` does.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

module.exports = () => {
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: path.join(__dirname, '..'), stdio: 'inherit' });
};
