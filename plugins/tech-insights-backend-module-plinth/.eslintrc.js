module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  rules: {
    // Tests may assert through shared helpers named expect... (e.g. expectReadsLikeStore).
    'jest/expect-expect': [
      'warn',
      { assertFunctionNames: ['expect', 'expect*'] },
    ],
  },
});
